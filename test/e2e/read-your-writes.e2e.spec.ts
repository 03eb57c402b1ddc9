import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

/**
 * The whole way round: a mutation writes the log, the relay publishes, the consumers project, and a
 * query that passes the mutation's position waits until the projections have passed it (the relay's
 * checkpoint, then watermarks behind it in every queue) and says `fresh: true`.
 */
describe('read your writes through GraphQL', () => {
  let harness: TestApp | undefined;
  const created: string[] = [];
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });

  beforeAll(async () => {
    harness = await startLiveTestApp(db, relayName);
  });

  afterAll(async () => {
    await deleteStatistics(db, created);
    await stopLiveTestApp(db, relayName, harness);
    await db.end();
  });

  const trend = (input: { hsCode: string }, position: string) =>
    graphql(
      harness!.app,
      `query($hs: String!, $position: String!) {
        trend(from: "2026-08", to: "2026-08", country: "CN", hsCode: $hs, consistency: { atLeastPosition: $position, timeoutMs: 10000 }) {
          total { valueUsd weightKg statisticCount } fresh
        } }`,
      { hs: input.hsCode, position },
      { 'x-api-key': TEST_READER_KEY },
    );

  it('a recorded and then a revised statistic are read back fresh, each at its own position', async () => {
    const input = aStatisticInput({ valueUsd: '1234.50', weightKg: '10.000' });
    created.push(keyOf(input));
    const { countryCode, hsCode, period } = input;

    const recorded = (await graphql(harness!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { position } }', { i: input }))
      .body as { data: { recordExportStatistic: { position: string } } };
    const afterRecord = await trend(input, recorded.data.recordExportStatistic.position);
    const revised = (await graphql(
      harness!.app,
      'mutation($i: ReviseExportStatisticInput!) { reviseExportStatistic(input: $i) { position } }',
      { i: { countryCode, hsCode, period, expectedVersion: 1, valueUsd: '99.99', weightKg: '1.5' } },
    )).body as { data: { reviseExportStatistic: { position: string } } };
    const afterRevise = await trend(input, revised.data.reviseExportStatistic.position);

    expect(afterRecord).toEqual({
      statusCode: 200,
      body: { data: { trend: { total: { valueUsd: '1234.50', weightKg: '10.000', statisticCount: 1 }, fresh: true } } },
    });
    expect(afterRevise).toEqual({
      statusCode: 200,
      body: { data: { trend: { total: { valueUsd: '99.99', weightKg: '1.500', statisticCount: 1 }, fresh: true } } },
    });
  });

  it("a statistic over the threshold reads back with its stream's version, and revising with that version succeeds", async () => {
    const input = aStatisticInput({ valueUsd: '2000000.00', weightKg: '10.000' });
    created.push(keyOf(input));
    const { countryCode, hsCode, period } = input;
    const [year, month] = period.split('-').map(Number);
    // Recorded (version 1) and ExportThresholdExceeded (version 2): the stream is at 2.
    const recorded = (await graphql(harness!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { version position } }', { i: input }))
      .body as { data: { recordExportStatistic: { version: number; position: string } } };

    const fact = await graphql(
      harness!.app,
      `query($f: StatisticFactFilter!, $p: String!) { statisticFacts(filter: $f, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) { edges { node { key version } } fresh } }`,
      { f: { year, monthFrom: month, monthTo: month, countryCode, subheading: hsCode.slice(0, 6) }, p: recorded.data.recordExportStatistic.position },
      { 'x-api-key': TEST_READER_KEY },
    );
    const revised = await graphql(
      harness!.app,
      'mutation($i: ReviseExportStatisticInput!) { reviseExportStatistic(input: $i) { version } }',
      { i: { countryCode, hsCode, period, expectedVersion: 2, valueUsd: '10.00', weightKg: '1.000' } },
    );

    expect(recorded.data.recordExportStatistic.version).toBe(2);
    expect(fact.body).toEqual({ data: { statisticFacts: { edges: [{ node: { key: keyOf(input), version: 2 } }], fresh: true } } });
    expect(revised.body).toEqual({ data: { reviseExportStatistic: { version: 3 } } });
  });

  it('a position nobody wrote is refused', async () => {
    const response = await trend({ hsCode: `85${randomBytes(4).readUInt32BE(0) % 10 ** 8}`.padEnd(10, '0') }, '999999999999');

    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'No event was written at log position 999999999999; pass a position a mutation returned',
          locations: [{ line: 2, column: 9 }],
          path: ['trend'],
          extensions: { code: 'VALIDATION', errorCode: 'READ_MODEL.UNKNOWN_POSITION', position: '999999999999' },
        },
      ],
    });
  });
});
