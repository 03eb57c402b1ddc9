import { anErrorBody } from '../support/graphql-expectations';
import { UNKNOWN_COUNTRY_CODE, aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';

const RECEIPT = 'id version position';

describe('statistics mutations through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const created: string[] = [];

  beforeAll(async () => {
    harness = await startTestApp();
  });

  afterAll(async () => {
    await deleteStatistics(harness.db, created);
    await stopTestApp(harness);
  });

  const record = (input: object, headers?: Record<string, string>) =>
    graphql(
      harness.app,
      `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { ${RECEIPT} } }`,
      { input },
      headers,
    );
  const revise = (input: object) =>
    graphql(
      harness.app,
      `mutation($input: ReviseExportStatisticInput!) { reviseExportStatistic(input: $input) { ${RECEIPT} } }`,
      { input },
    );
  const retract = (input: object) =>
    graphql(
      harness.app,
      `mutation($input: RetractExportStatisticInput!) { retractExportStatistic(input: $input) { ${RECEIPT} } }`,
      { input },
    );

  it('records, revises and retracts a statistic, each answering with the new version and position', async () => {
    const input = aStatisticInput();
    const key = keyOf(input);
    created.push(key);
    const { countryCode, hsCode, period } = input;

    const recorded = await record(input);
    const revised = await revise({ countryCode, hsCode, period, expectedVersion: 1, valueUsd: '60000.5', weightKg: '600' });
    const retracted = await retract({ countryCode, hsCode, period, expectedVersion: 2, reason: 'entered twice' });

    expect(recorded).toEqual({
      statusCode: 200,
      body: { data: { recordExportStatistic: { id: key, version: 1, position: expect.stringMatching(/^\d+$/) } } },
    });
    expect(revised.body).toEqual({ data: { reviseExportStatistic: { id: key, version: 2, position: expect.any(String) } } });
    expect(retracted.body).toEqual({ data: { retractExportStatistic: { id: key, version: 3, position: expect.any(String) } } });
  });

  it('answers a stale expected version with VERSION_CONFLICT naming both versions', async () => {
    const input = aStatisticInput();
    const key = keyOf(input);
    created.push(key);
    await record(input);
    await revise({ ...input, expectedVersion: 1, valueUsd: '1.00' });

    const stale = await revise({ ...input, expectedVersion: 1, valueUsd: '2.00' });

    expect(stale).toEqual({
      statusCode: 200,
      body: anErrorBody(
        'reviseExportStatistic',
        `Statistic ${key} is at version 2, not 1: someone changed it since you read it; reload and retry`,
        { code: 'VERSION_CONFLICT', errorCode: 'STATISTIC.VERSION_CONFLICT', key, expectedVersion: 1, actualVersion: 2 },
      ),
    });
  });

  it('answers a second record with DUPLICATE', async () => {
    const input = aStatisticInput();
    const key = keyOf(input);
    created.push(key);
    await record(input);

    expect((await record(input)).body).toEqual(
      anErrorBody(
        'recordExportStatistic',
        `A statistic for ${key} already exists (version 1); revise it instead of recording it again`,
        { code: 'DUPLICATE', errorCode: 'STATISTIC.DUPLICATE', key, currentVersion: 1 },
      ),
    );
  });

  it('answers a revision of an unknown statistic with NOT_FOUND', async () => {
    const input = aStatisticInput();

    expect((await revise({ ...input, expectedVersion: 1 })).body).toEqual(
      anErrorBody('reviseExportStatistic', `No export statistic has been recorded for ${keyOf(input)}`, {
        code: 'NOT_FOUND',
        errorCode: 'STATISTIC.NOT_FOUND',
        key: keyOf(input),
      }),
    );
  });

  it('answers invalid input with VALIDATION naming the field', async () => {
    expect((await record(aStatisticInput({ period: '2026-13' }))).body).toEqual(
      anErrorBody('recordExportStatistic', 'period month must be an integer from 1 to 12, got 13', {
        code: 'VALIDATION',
        errorCode: 'VALIDATION.INVALID_FIELD',
        field: 'period',
        reason: 'month must be an integer from 1 to 12, got 13',
      }),
    );
  });

  it('answers a mutation without an operator credential with UNAUTHORIZED and writes nothing', async () => {
    const input = aStatisticInput();

    const response = await record(input, { 'x-api-key': 'not-a-key' });

    expect(response.body).toEqual(
      anErrorBody(
        'recordExportStatistic',
        'this operation requires the operator role: send an x-api-key header or a bearer token that grants it',
        { code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED', requiredRole: 'operator' },
      ),
    );
    const { rows } = await harness.db.query('select count(*)::int as n from export_statistic where key = $1', [keyOf(input)]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('records and revises in bulk, and refuses a batch with an invalid item without writing any of it', async () => {
    const first = aStatisticInput();
    const second = aStatisticInput();
    created.push(keyOf(first), keyOf(second));
    const mutation = `mutation($items: [RecordExportStatisticInput!]!) {
      recordExportStatistics(items: $items) { recorded revised unchanged position } }`;

    const initial = await graphql(harness.app, mutation, { items: [first, second] });
    const again = await graphql(harness.app, mutation, { items: [first, { ...second, valueUsd: '7.00' }] });
    const invalid = await graphql(harness.app, mutation, {
      items: [{ ...first, valueUsd: '9.00' }, { ...second, countryCode: UNKNOWN_COUNTRY_CODE }],
    });

    expect(initial.body).toEqual({
      data: { recordExportStatistics: { recorded: 2, revised: 0, unchanged: 0, position: expect.any(String) } },
    });
    expect(again.body).toEqual({
      data: { recordExportStatistics: { recorded: 0, revised: 1, unchanged: 1, position: expect.any(String) } },
    });
    expect(invalid.body).toEqual(
      anErrorBody('recordExportStatistics', "1 of the batch's items are invalid; nothing was written", {
        code: 'VALIDATION',
        errorCode: 'STATISTIC.BATCH_INVALID',
        invalidCount: 1,
        invalidItems: [{ index: 1, field: 'countryCode', reason: `${UNKNOWN_COUNTRY_CODE} is not a known country` }],
      }),
    );
    const { rows } = await harness.db.query('select value_usd from export_statistic where key = $1', [keyOf(first)]);
    expect(rows).toEqual([{ value_usd: '50463.00' }]);
  });

  it('reads a statistic back from its events: history, and state as of an instant', async () => {
    const input = aStatisticInput();
    const key = keyOf(input);
    created.push(key);
    const headers = { 'x-api-key': 'test-operator-key', 'x-correlation-id': 'corr-history-e2e' };
    await graphql(
      harness.app,
      `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id } }`,
      { input },
      headers,
    );
    const between = new Date().toISOString();
    await revise({ ...input, expectedVersion: 1, valueUsd: '70000', weightKg: '700' });
    const { countryCode, hsCode, period } = input;

    const history = await graphql(
      harness.app,
      `query($countryCode: String!, $hsCode: String!, $period: String!) {
        statisticHistory(countryCode: $countryCode, hsCode: $hsCode, period: $period) {
          type version correlationId actor valueUsd weightKg previousValueUsd reason } }`,
      { countryCode, hsCode, period },
    );
    const asOf = await graphql(
      harness.app,
      `query($countryCode: String!, $hsCode: String!, $period: String!, $at: DateTime!) {
        statisticAsOf(countryCode: $countryCode, hsCode: $hsCode, period: $period, at: $at) {
          key status valueUsd weightKg version } }`,
      { countryCode, hsCode, period, at: between },
    );

    expect(history.body).toEqual({
      data: {
        statisticHistory: [
          { type: 'ExportStatisticRecorded', version: 1, correlationId: 'corr-history-e2e', actor: 'test-operator', valueUsd: '50463.00', weightKg: '539.000', previousValueUsd: null, reason: null },
          { type: 'ExportStatisticRevised', version: 2, correlationId: expect.any(String), actor: 'test-operator', valueUsd: '70000.00', weightKg: '700.000', previousValueUsd: '50463.00', reason: null },
        ],
      },
    });
    expect(asOf.body).toEqual({
      data: { statisticAsOf: { key, status: 'ACTIVE', valueUsd: '50463.00', weightKg: '539.000', version: 1 } },
    });
  });
});
