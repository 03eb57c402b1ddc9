import { Pool } from 'pg';
import { eventually } from '../support/delivery-harness';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { testConfig, uniqueName } from '../support/test-config';

/** Far longer than the test may wait: a summary that shows up at all was not waiting for the pause. */
const FLUSH_INTERVAL_MS = 600_000;

/**
 * An idle instance flushes the summaries a write marked at once, rather than at the end of its
 * flush pause (SUMMARY_FLUSH_INTERVAL_MS): what lets a lone change reach a dashboard within a
 * second. The pause here is ten minutes, so the summary can only appear in time through that path.
 */
describe('summary flush on an idle instance', () => {
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const created: string[] = [];
  let app: TestApp | undefined;

  beforeAll(async () => {
    app = await startLiveTestApp(db, relayName, { SUMMARY_FLUSH_INTERVAL_MS: String(FLUSH_INTERVAL_MS) });
  });

  afterAll(async () => {
    await deleteStatistics(db, created);
    await stopLiveTestApp(db, relayName, app);
    await db.end();
  });

  const monthTotal = async () => {
    const response = await graphql(app!.app, '{ dashboardSummary(year: 2026, month: 4) { total { valueUsd statisticCount } } }');
    return (response.body as { data: { dashboardSummary: { total: { valueUsd: string; statisticCount: number } } } }).data.dashboardSummary.total;
  };

  it('recomputes the summaries of a lone write without waiting out the pause, and paces the write that follows a flush that found work', async () => {
    const first = aStatisticInput({ period: '2026-04', valueUsd: '1200.50', weightKg: '3.000' });
    const second = aStatisticInput({ period: '2026-04', valueUsd: '99.25', weightKg: '1.000' });
    const record = async (input: typeof first) => {
      created.push(keyOf(input));
      await graphql(app!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { version } }', { i: input });
    };

    await record(first);
    expect(await eventually(async () => (await monthTotal()).statisticCount === 1, 30_000, 100)).toBe(true);
    const afterFirst = await monthTotal();
    await record(second);
    const secondSeen = await eventually(async () => (await monthTotal()).statisticCount === 2, 5_000, 100);

    expect(afterFirst).toEqual({ valueUsd: '1200.50', statisticCount: 1 });
    // Paced after a flush that found work: the second write waits for the pause (ten minutes), as under load.
    expect(secondSeen).toBe(false);
  });
});
