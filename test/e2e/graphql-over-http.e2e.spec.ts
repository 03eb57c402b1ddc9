import { auditServer } from 'graphql-http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { aStatisticInput } from '../support/statistic-builders';
import { startTestApp, stopTestApp } from '../support/test-app';
import { TEST_OPERATOR_KEY } from '../support/test-config';

const RECORD = `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id } }`;
const OPERATOR = { 'x-api-key': TEST_OPERATOR_KEY };

/** The request refused as a whole: no `data` was produced, one typed error says why. */
const refusal = (statusCode: number, code: string, message: string | jest.AsymmetricMatcher = expect.any(String)) => ({
  statusCode,
  body: { data: null, errors: [{ message, extensions: expect.objectContaining({ code }) }] },
});

describe('GraphQL over HTTP: every refusal is typed, and nothing is written', () => {
  let harness: { app: NestFastifyApplication; db: Pool };
  let logSize: () => Promise<number>;

  beforeAll(async () => {
    harness = await startTestApp({ HTTP_BODY_LIMIT_BYTES: '65536' });
    logSize = async () => Number((await harness.db.query<{ n: string }>('select count(*) as n from event_log')).rows[0].n);
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const send = async (request: Parameters<NestFastifyApplication['inject']>[0]) => {
    const response = await harness.app.inject(request);
    return { statusCode: response.statusCode, body: response.json() };
  };
  const mutationBody = () => JSON.stringify({ query: RECORD, variables: { input: aStatisticInput() } });

  it.each([
    ['a body over the size limit', { payload: JSON.stringify({ query: RECORD, variables: { pad: 'x'.repeat(70_000) } }) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['a form-encoded mutation', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `query=${encodeURIComponent(RECORD)}` }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a text/plain body', { headers: { 'content-type': 'text/plain' }, payload: 'mutation { x }' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['malformed JSON', { payload: '{"query": "mutation {' }, 400, 'BAD_REQUEST'],
    ['a batched array', { payload: JSON.stringify([{ query: RECORD }, { query: RECORD }]) }, 400, 'BAD_REQUEST'],
    ['a query that is not a string', { payload: JSON.stringify({ query: 1 }) }, 400, 'BAD_REQUEST'],
    ['variables that are not an object', { payload: JSON.stringify({ query: RECORD, variables: 7 }) }, 400, 'BAD_REQUEST'],
  ])('%s is refused with a typed code', async (_what, request, statusCode, code) => {
    const before = await logSize();
    const headers = { 'content-type': 'application/json', ...OPERATOR, ...('headers' in request ? request.headers : {}) };

    const answer = await send({ method: 'POST', url: '/graphql', headers, payload: request.payload });

    expect(answer).toEqual(refusal(statusCode, code));
    expect(await logSize()).toBe(before);
  });

  it('refuses a mutation over GET with METHOD_NOT_ALLOWED', async () => {
    const before = await logSize();
    const query = encodeURIComponent(RECORD);
    const variables = encodeURIComponent(JSON.stringify({ input: aStatisticInput() }));

    const answer = await send({ method: 'GET', url: `/graphql?query=${query}&variables=${variables}`, headers: OPERATOR });

    expect(answer).toEqual(refusal(405, 'METHOD_NOT_ALLOWED'));
    expect(await logSize()).toBe(before);
  });

  it.each(['application/graphql', 'application/graphql; charset=utf-8'])(
    'runs no mutation sent as %s, even with an operator key (the CSRF door)',
    async (contentType) => {
      const before = await logSize();
      const input = aStatisticInput();
      const inline = `mutation { recordExportStatistic(input: { countryCode: "${input.countryCode}", hsCode: "${input.hsCode}", period: "${input.period}", valueUsd: "1", weightKg: "1" }) { id } }`;

      const answer = await send({ method: 'POST', url: '/graphql', headers: { ...OPERATOR, 'content-type': contentType }, payload: inline });

      expect(answer).toEqual(refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'mutations are accepted only with Content-Type: application/json'));
      expect(await logSize()).toBe(before);
    },
  );

  it('answers application/graphql-response+json with that media type, and no data for a refused document', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { accept: 'application/graphql-response+json', 'content-type': 'application/json' },
      payload: mutationBody().replace('recordExportStatistic', 'recordNothing'),
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(response.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })] });
  });

  it("passes graphql-http's own audit with no error", async () => {
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = harness.app.getHttpServer().address() as { port: number };

    const results = await auditServer({ url: `http://127.0.0.1:${port}/graphql` });

    expect(results.filter((result) => result.status === 'error').map((result) => `${result.id} ${result.name}`)).toEqual([]);
    // The warnings left are the ones README.md explains ("GraphQL over HTTP").
    expect(results.filter((result) => result.status === 'warn').map((result) => result.id).sort()).toEqual(['572B', '7B9B', 'FDE2']);
  });
});

describe('GraphQL documents: shape limits answer typed errors before anything runs', () => {
  let harness: { app: NestFastifyApplication; db: Pool };

  beforeAll(async () => {
    harness = await startTestApp({ GRAPHQL_MAX_TOKENS: '500', GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '10' });
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await harness.app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
    return { statusCode: response.statusCode, code: response.json().errors?.map((error: { extensions: { code: string } }) => error.extensions.code) };
  };
  const nested = (depth: number) => `${'__schema { types { fields { type { '.repeat(1)}${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } } } }`;

  it.each([
    ['a selection deeper than the limit', `{ ${nested(4)} }`, 'QUERY_TOO_DEEP'],
    ['depth hidden in fragments', `{ ...A } fragment A on Query { __schema { ...B } } fragment B on __Schema { types { ...C } } fragment C on __Type { fields { type { ofType { ofType { ofType { name } } } } } }`, 'QUERY_TOO_DEEP'],
    ['more aliases than the limit', `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: health { status }`).join(' ')} }`, 'TOO_MANY_ALIASES'],
    ['more tokens than the parser reads', `{ ${Array.from({ length: 600 }, () => '__typename').join(' ')} }`, 'DOCUMENT_TOO_LARGE'],
    ['a syntax error', '{ health { status ', 'GRAPHQL_PARSE_FAILED'],
    ['a JSON text that is no document', '{"kind": "Nothing"}', 'GRAPHQL_PARSE_FAILED'],
    ['a list literal where a number belongs', '{ partnerRanking(year: 2025, first: [1, 2, 3]) { edges { cursor } } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s is refused with %s', async (_what, query, code) => {
    expect(await post(query)).toEqual({ statusCode: 400, code: [code] });
  });

  it.each([
    ['first', '{ partnerRanking(year: 2025, first: -1) { edges { cursor } } }'],
    ['first', 'query($n: Int) { searchProducts(text: "x", first: $n) { totalCount } }'],
    ['limit', '{ parkedKeys(limit: -5) { key } }'],
  ])('a negative %s is a VALIDATION error naming it, so it cannot lower the cost', async (field, query) => {
    const response = await harness.app.inject({ method: 'POST', url: '/graphql', payload: { query, variables: { n: -1 } } });

    expect(response.json().errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION', field }) })]);
  });
});

describe("the operator's own listings fit the default limits", () => {
  it('lists parked keys with their messages at the default page sizes', async () => {
    const harness = await startTestApp();
    const query = '{ parkedKeys { key queue reason parkedAt messageCount messages { messageId reason attempts errors type streamVersion routingKey } } }';

    const response = await harness.app.inject({ method: 'POST', url: '/graphql', headers: OPERATOR, payload: { query } });
    await stopTestApp(harness);

    expect(response.json()).toEqual({ data: { parkedKeys: expect.any(Array) } });
  });
});

describe('GraphQL with closed reads and no introspection', () => {
  let harness: { app: NestFastifyApplication; db: Pool };

  beforeAll(async () => {
    harness = await startTestApp({ PUBLIC_READS: 'false', GRAPHQL_INTROSPECTION: 'false' });
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  it.each(['{ health { status } }', '{ __schema { queryType { name } } }', '{ __typename }'])(
    'refuses %s to an anonymous caller with UNAUTHORIZED',
    async (query) => {
      const response = await harness.app.inject({ method: 'POST', url: '/graphql', payload: { query } });

      expect({ statusCode: response.statusCode, body: response.json() }).toEqual(
        refusal(401, 'UNAUTHORIZED', 'a reader or operator credential is required'),
      );
    },
  );

  it('still answers the health endpoints to anyone', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/health/live' });

    expect(response.statusCode).toBe(200);
  });

  it('refuses introspection to a reader when it is turned off', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'x-api-key': TEST_OPERATOR_KEY },
      payload: { query: '{ __schema { queryType { name } } }' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });
});

describe('text no store should receive is refused in every field, before anything is written', () => {
  let harness: { app: NestFastifyApplication; db: Pool };

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const logSize = async () => Number((await harness.db.query<{ n: string }>('select count(*) as n from event_log')).rows[0].n);
  const BAD_TEXT = ['nul\u0000byte', 'lone \uD800 high surrogate', 'lone \uDC00 low surrogate', '\uDFFF\uD800 reversed pair'];
  const operations: [string, string, (text: string) => Record<string, unknown>, string][] = [
    ['retractExportStatistic', 'mutation($input: RetractExportStatisticInput!) { retractExportStatistic(input: $input) { id } }', (text) => ({ input: { countryCode: 'CN', hsCode: '0101211000', period: '2020-01', reason: text } }), 'input.reason'],
    ['deactivateCountry', 'mutation($code: String!, $reason: String!) { deactivateCountry(code: $code, reason: $reason) { id } }', (text) => ({ code: 'CN', reason: text }), 'reason'],
    ['registerCountry', 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { id } }', (text) => ({ input: { code: 'QX', nameEn: text, nameKo: 'x' } }), 'input.nameEn'],
    ['searchProducts', 'query($text: String!) { searchProducts(text: $text) { totalCount } }', (text) => ({ text }), 'text'],
  ];

  it.each(operations.flatMap(([name, query, variables, field]) => BAD_TEXT.map((text) => [name, JSON.stringify(text), query, variables(text), field] as const)))(
    '%s with %s is a VALIDATION error naming the field',
    async (_name, _shown, query, variables, field) => {
      const before = await logSize();

      const response = await harness.app.inject({ method: 'POST', url: '/graphql', headers: OPERATOR, payload: { query, variables } });

      expect(response.json().errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION', field }) })]);
      expect(await logSize()).toBe(before);
    },
  );

  it('refuses the same text written in the document itself', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: OPERATOR,
      payload: { query: 'mutation { deactivateCountry(code: "CN", reason: "bad \\u0000 reason") { id } }' },
    });

    expect(response.json().errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION', field: 'reason' }) })]);
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const before = await logSize();
    const json = Buffer.from('{"query":"mutation { deactivateCountry(code: \\"CN\\", reason: \\"x\\") { id } }","variables":{"r":"');
    const payload = Buffer.concat([json, Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);

    const response = await harness.app.inject({ method: 'POST', url: '/graphql', headers: { ...OPERATOR, 'content-type': 'application/json' }, payload });

    expect({ statusCode: response.statusCode, body: response.json() }).toEqual(refusal(400, 'BAD_REQUEST', 'the request body is not valid UTF-8'));
    expect(await logSize()).toBe(before);
  });
});
