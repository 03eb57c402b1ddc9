import { Pool } from 'pg';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

/**
 * A threshold alert the whole way round: a mutation over the threshold, the relay, the shard
 * consumer's threshold writer, the alerts query fresh at the mutation's position; then a revision
 * under the threshold closes it, and the dashboard's open alert count follows.
 */
describe('threshold alerts through the live delivery path', () => {
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

  const alertsAt = async (position: string) =>
    (
      await graphql(
        harness!.app,
        `query($p: String!) {
          alerts(year: 2026, month: 8, kind: THRESHOLD, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) {
            totalCount edges { node { id kind status countryCode hsCode period valueUsd thresholdUsd closedAt } } fresh
          }
          dashboardSummary(year: 2026, month: 8, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) { openAlertCount }
        }`,
        { p: position },
        { 'x-api-key': TEST_READER_KEY },
      )
    ).body;

  it('a record over the threshold opens one alert; a revision under it closes that alert', async () => {
    const input = aStatisticInput({ valueUsd: '2500000.00', weightKg: '10.000' });
    created.push(keyOf(input));
    const { countryCode, hsCode, period } = input;
    const recorded = (await graphql(harness!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { version position } }', { i: input }))
      .body as { data: { recordExportStatistic: { version: number; position: string } } };
    const opened = await alertsAt(recorded.data.recordExportStatistic.position);
    const revised = (await graphql(
      harness!.app,
      'mutation($i: ReviseExportStatisticInput!) { reviseExportStatistic(input: $i) { position } }',
      { i: { countryCode, hsCode, period, expectedVersion: recorded.data.recordExportStatistic.version, valueUsd: '999999.99', weightKg: '10.000' } },
    )).body as { data: { reviseExportStatistic: { position: string } } };
    const closed = await alertsAt(revised.data.reviseExportStatistic.position);

    const alert = { id: `threshold-2026-08-CN-${hsCode}`, kind: 'THRESHOLD', countryCode: 'CN', hsCode, period: '2026-08', thresholdUsd: '1000000.00' };
    expect(opened).toEqual({
      data: {
        alerts: { totalCount: 1, edges: [{ node: { ...alert, status: 'OPEN', valueUsd: '2500000.00', closedAt: null } }], fresh: true },
        dashboardSummary: { openAlertCount: 1 },
      },
    });
    expect(closed).toEqual({
      data: {
        alerts: { totalCount: 1, edges: [{ node: { ...alert, status: 'CLOSED', valueUsd: '999999.99', closedAt: expect.any(String) } }], fresh: true },
        dashboardSummary: { openAlertCount: 0 },
      },
    });
  });
});
