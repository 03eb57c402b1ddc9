import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_OPERATOR_KEY } from '../support/test-config';

/**
 * GraphQL's own metrics at /metrics: executed operations by type in the latency histogram, and
 * every error answered by its code, a refusal before execution included.
 */
describe('GraphQL metrics', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp({ RELAY_ENABLED: 'false', CONSUMERS_ENABLED: 'false' });
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  /** The value of one sample, `name{labels} value`, as the page shows it; 0 when absent. */
  const sample = async (series: string) => {
    const page = (await harness.app.inject({ method: 'GET', url: '/metrics' })).body;
    const line = page.split('\n').find((text) => text.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };

  it('counts each executed operation by type and each error by its code', async () => {
    const queries = 'exportstats_graphql_request_duration_seconds_count{operation="query"}';
    const mutations = 'exportstats_graphql_request_duration_seconds_count{operation="mutation"}';
    const validation = 'exportstats_graphql_errors_total{code="VALIDATION"}';
    const unparsed = 'exportstats_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}';
    const before = await Promise.all([queries, mutations, validation, unparsed].map(sample));

    await graphql(harness.app, '{ __typename }');
    await graphql(harness.app, '{ __typename }');
    // A bad country: refused by the domain, an error with code VALIDATION.
    const refused = await graphql(
      harness.app,
      'mutation { recordExportStatistic(input: { countryCode: "ZZZ", hsCode: "85", period: "2020-01", valueUsd: "1", weightKg: "1" }) { version } }',
      {},
      { 'x-api-key': TEST_OPERATOR_KEY },
    );
    const broken = await graphql(harness.app, '{ __typename');

    const codes = (body: unknown) => (body as { errors: { extensions: { code: string } }[] }).errors.map((error) => error.extensions.code);
    expect(codes(refused.body)).toEqual(['VALIDATION']);
    expect(codes(broken.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const after = await Promise.all([queries, mutations, validation, unparsed].map(sample));
    expect(after.map((value, i) => value - before[i])).toEqual([2, 1, 1, 1]);
  });
});
