import { Client } from '@elastic/elasticsearch';
import { Pool } from 'pg';
import { AnomalyNoticeLedger } from '../../src/modules/dashboards/commands/request-anomaly-notifications/anomaly-notice-ledger';
import { RequestAnomalyNotificationsCommand } from '../../src/modules/dashboards/commands/request-anomaly-notifications/request-anomaly-notifications.command';
import { RequestAnomalyNotificationsHandler } from '../../src/modules/dashboards/commands/request-anomaly-notifications/request-anomaly-notifications.handler';
import type { AnomalySettings } from '../../src/modules/dashboards/domain/anomaly-rule';
import { PgNamesVersion } from '../../src/modules/dashboards/elasticsearch/names-version';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { AnomalyAlerts } from '../../src/modules/dashboards/projections/alerts/anomaly-alerts';
import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { ReadModelLookups } from '../../src/modules/dashboards/projections/read-model-lookups';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { SummaryFlusher } from '../../src/modules/dashboards/summaries/summary-flusher';
import { SummaryRecompute } from '../../src/modules/dashboards/summaries/summary-recompute';
import { countryEvents, productEvents, statisticEvents as s } from '../support/read-model-events';
import { testConfig } from '../support/test-config';

const SETTINGS: AnomalySettings = { yoyFactor: '2', meanFactor: '2', minUsd: '10' };
const ALERT = 'anomaly-rise-2025-01-KE-09';
const KEY = (period: string): [string, string, string] => ['KE', '0901210000', period];

/**
 * The durable half of anomaly alerts: an opening becomes one NotificationRequested in the event
 * log, through the summary flush as the consumers run it (marks queued in PostgreSQL, alerts in
 * Elasticsearch), including when the instance dies between writing the alert and asking.
 */
describe('anomaly alerts ask operators to be told, once per opening (int)', () => {
  const config = testConfig();
  const prefix = config.ES_INDEX_PREFIX;
  const client = new Client({ node: config.ES_URL, requestTimeout: 60_000 });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 4 });
  const indexes = new ReadModelIndexManager(client, prefix);
  const names = new PgNamesVersion(pool);
  const dirty = new DirtySummaries(pool, prefix);
  const ledger = new AnomalyNoticeLedger(pool, prefix);
  const handler = new RequestAnomalyNotificationsHandler(ledger, client, indexes.aliases);
  let dieAfterWriting = false;
  const anomalies = new AnomalyAlerts(client, SETTINGS, () => new Date(), async (_indexes, _notices, standing) => {
    if (dieAfterWriting) {
      dieAfterWriting = false;
      throw new Error('the instance died after writing the alert');
    }
    await handler.execute(new RequestAnomalyNotificationsCommand(standing));
  });
  const projection = new ReadModelProjection(client, { names, anomalies });
  const flusher = new SummaryFlusher(new SummaryRecompute(client, new ReadModelLookups(client), undefined, undefined, anomalies), dirty, prefix);

  /** Applied as a shard consumer does: facts now, summaries queued, flushed later. */
  const consume = async (events: StoredEvent[]) => {
    const { touched } = await projection.applyBatch(events, indexes.aliases, { summaries: 'queued' });
    await dirty.mark('live', touched);
    return touched;
  };
  const requests = async () =>
    (
      await pool.query<{ stream_version: number; data: { kind: string; dedupeKey: string; facts: Record<string, string> } }>(
        `select stream_version, data from event_log where stream_id = $1 and type = 'NotificationRequested' order by stream_version`,
        [`anomaly-notice:${prefix}/${ALERT}`],
      )
    ).rows;

  beforeAll(async () => {
    await indexes.ensure();
    const history = Array.from({ length: 12 }, (_, i) => s.recorded(KEY(`2024-${String(i + 1).padStart(2, '0')}`), 1, '1000.00', '1.000'));
    await consume([countryEvents.registered('KE', 'Testland KE', '테스트국 KE'), productEvents.created('09', 'Coffee, tea', '커피, 차'), ...history]);
    await flusher.flush();
  });

  afterAll(async () => {
    await ledger.deleteAll();
    await dirty.deleteAll();
    await names.deleteAll(prefix);
    await indexes.deleteAll();
    await pool.end();
    await client.close();
  });

  it('given an alert written by an instance that died before asking, when its month is flushed again, then operators are asked once; recomputing again asks nothing', async () => {
    const rise = await consume([s.recorded(KEY('2025-01'), 1, '5000.00', '1.000')]);
    dieAfterWriting = true;
    await expect(flusher.flush()).rejects.toThrow('died after writing');
    const written = (await client.get<{ status: string }>({ index: indexes.aliases.alerts, id: ALERT }))._source;
    const askedBeforeRepair = await requests();

    await flusher.flush();
    // The same month recomputed twice more: once as it is, once with another statistic of the pair.
    await dirty.mark('live', rise);
    await flusher.flush();
    await consume([s.recorded(['KE', '0901220000', '2025-01'], 1, '1.00', '1.000')]);
    await flusher.flush();

    expect(written).toMatchObject({ status: 'open' });
    expect(askedBeforeRepair).toEqual([]);
    // 5,000.00 against 1,000.00 a year earlier and as the mean; the second recomputation moved it by 1.00, still open.
    expect(await requests()).toEqual([
      {
        stream_version: 1,
        data: expect.objectContaining({ kind: 'export-anomaly-rise', dedupeKey: `${ALERT}#1`, facts: expect.objectContaining({ valueUsd: '5000.00', yearAgoUsd: '1000.00' }) }),
      },
    ]);
    expect(await ledger.entries([ALERT])).toEqual(new Map([[ALERT, { open: true, opening: 1 }]]));
  });

  it('given the alert closed by a revision and opened again, then the second opening is asked for under a key of its own', async () => {
    await consume([s.revised(KEY('2025-01'), 2, '1000.00', '1.000', ['5000.00', '1.000'])]);
    await flusher.flush();
    const whileClosed = await ledger.entries([ALERT]);
    await consume([s.revised(KEY('2025-01'), 3, '6000.00', '1.000', ['1000.00', '1.000'])]);
    await flusher.flush();

    expect(whileClosed).toEqual(new Map([[ALERT, { open: false, opening: 1 }]]));
    expect((await requests()).map(({ stream_version, data }) => [stream_version, data.dedupeKey])).toEqual([
      [1, `${ALERT}#1`],
      [2, `${ALERT}#2`],
    ]);
  });
});
