import Decimal from 'decimal.js';
import { Pool } from 'pg';
import { CustomsImportService, type CustomsImportView } from '../../src/modules/customs-import';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { graphql } from '../support/test-app';
import { deleteCustomsImportState, startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

// The import all the way to the dashboards: relay, consumers and Elasticsearch on, so the month's
// summary read through GraphQL, fresh at the import's last log position, equals the source.

const KEY = 'Import/ReadModel+Key==';
const MONTH = '2001-11';
const CHAPTERS = ['01', '02', '03', '04', '05'];

describe('customs import into the read model', () => {
  let standIn: CustomsStandIn;
  let harness: TestApp | undefined;
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const importIds: string[] = [];

  beforeAll(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    await db.query('delete from event_log where stream_id like $1', [`statistic:%-${MONTH}`]);
    await db.query('delete from export_statistic where year = 2001 and month = 11');
    harness = await startLiveTestApp(db, relayName, {
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
    });
  });

  afterAll(async () => {
    // Their outcome events (CustomsImportCompleted, ...Failed, ...Paused) too.
    await db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [importIds]);
    await db.query('delete from customs_import where id = any($1::uuid[])', [importIds]);
    await stopLiveTestApp(db, relayName, harness);
    if (harness) await deleteCustomsImportState(db, harness.config);
    await db.end();
    await standIn.close();
  });

  it('given a month imported, when the dashboard summary is read at the import position, then it is fresh and equals the source', async () => {
    const service = harness!.app.get(CustomsImportService);
    const started = await service.start({ months: MONTH, hsCodes: CHAPTERS, actor: 'int-test' });
    importIds.push(started.id);
    let view: CustomsImportView = started;
    for (let waited = 0; view.state !== 'completed' && waited < 100_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = await service.get(started.id);
    }
    expect(view.state).toBe('completed');
    const { rows } = await db.query<{ position: string }>("select max(position)::text as position from event_log where metadata->>'correlationId' = $1", [view.correlationId]);
    let value = new Decimal(0);
    let weight = new Decimal(0);
    let count = 0;
    for (const chapter of CHAPTERS) {
      for (const row of standIn.state.source.rows('200111', chapter)) {
        if (row.expDlr === 0) continue;
        value = value.plus(row.expDlr);
        weight = weight.plus(row.expWgt);
        count += 1;
      }
    }

    const summary = await graphql(
      harness!.app,
      `query($position: String!) { dashboardSummary(year: 2001, month: 11, consistency: { atLeastPosition: $position, timeoutMs: 10000 }) {
        total { valueUsd weightKg statisticCount } fresh } }`,
      { position: rows[0].position },
      { 'x-api-key': TEST_READER_KEY },
    );

    expect(view.counts.recorded).toBe(count);
    expect(summary).toEqual({
      statusCode: 200,
      body: { data: { dashboardSummary: { total: { valueUsd: value.toFixed(2), weightKg: weight.toFixed(3), statisticCount: count }, fresh: true } } },
    });
  }, 180_000);
});
