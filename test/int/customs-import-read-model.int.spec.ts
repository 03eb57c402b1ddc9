import Decimal from 'decimal.js';
import { Pool } from 'pg';
import { CustomsImportService, type CustomsImportView } from '../../src/modules/customs-import';
import { workQueueName } from '../../src/modules/customs-import';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { PgNamesVersion } from '../../src/modules/dashboards/elasticsearch/names-version';
import { ProjectionCheckpoints } from '../../src/modules/dashboards/freshness/projection-checkpoints';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { connect } from 'amqplib';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { deleteRelayState, startCheckpointAtHead } from '../support/relay-state';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

// The import all the way to the dashboards: relay, consumers and Elasticsearch on, so the month's
// summary read through GraphQL, fresh at the import's last log position, equals the source.

const KEY = 'Import/ReadModel+Key==';
const MONTH = '2001-11';
const CHAPTERS = ['01', '02', '03', '04', '05'];

describe('customs import into the read model', () => {
  let standIn: CustomsStandIn;
  let harness: Awaited<ReturnType<typeof startTestApp>> | undefined;
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });

  beforeAll(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    await db.query('delete from event_log where stream_id like $1', [`statistic:%-${MONTH}`]);
    await db.query('delete from export_statistic where year = 2001 and month = 11');
    await startCheckpointAtHead(db, relayName);
    harness = await startTestApp({
      RELAY_ENABLED: 'true',
      CONSUMERS_ENABLED: 'true',
      RELAY_NAME: relayName,
      RELAY_POLL_INTERVAL_MS: '200',
      SUMMARY_FLUSH_INTERVAL_MS: '200',
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
    });
  });

  afterAll(async () => {
    await deleteRelayState(db, relayName);
    if (harness) {
      const { config } = harness;
      await new ProjectionCheckpoints(db, config.ES_INDEX_PREFIX).deleteAll();
      await new DirtySummaries(db, config.ES_INDEX_PREFIX).deleteAll();
      await new PgNamesVersion(db).deleteAll(config.ES_INDEX_PREFIX);
      await harness.app.get(ReadModelIndexManager).deleteAll();
      await db.query('delete from customs_quota_day where scope = $1', [config.BROKER_PREFIX]);
      await db.query('delete from customs_rate where scope = $1', [config.BROKER_PREFIX]);
      await stopTestApp(harness);
      await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
      const connection = await connect(config.RABBITMQ_URL);
      const channel = await connection.createChannel();
      for (const step of ['request', 'fetch', 'process'] as const) await channel.deleteQueue(workQueueName(config.BROKER_PREFIX, step));
      await connection.close();
    }
    await db.end();
    await standIn.close();
  });

  it('given a month imported, when the dashboard summary is read at the import position, then it is fresh and equals the source', async () => {
    const service = harness!.app.get(CustomsImportService);
    const started = await service.start({ months: MONTH, hsCodes: CHAPTERS, actor: 'int-test' });
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
