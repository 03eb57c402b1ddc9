import { Client } from '@elastic/elasticsearch';
import { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { detectAnomaly, trailingMeanUsd, type AnomalySettings } from '../../src/modules/dashboards/domain/anomaly-rule';
import { CENTS, toUnits } from '../../src/modules/dashboards/domain/exact-units';
import { PgNamesVersion } from '../../src/modules/dashboards/elasticsearch/names-version';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { generationSet } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';
import type { AlertNotice } from '../../src/modules/dashboards/projections/alerts/alert-document';
import { AnomalyAlerts } from '../../src/modules/dashboards/projections/alerts/anomaly-alerts';
import { ReadModelLookups } from '../../src/modules/dashboards/projections/read-model-lookups';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { ReadModelRebuilder } from '../../src/modules/dashboards/rebuild/read-model-rebuilder';
import { RebuildRuns } from '../../src/modules/dashboards/rebuild/rebuild-runs';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { SummaryFlusher } from '../../src/modules/dashboards/summaries/summary-flusher';
import { SummaryRecompute } from '../../src/modules/dashboards/summaries/summary-recompute';
import { Period } from '../../src/kernel/period';
import { Random } from '../../src/modules/sample-data/random';
import { EventLogReplay } from '../../src/platform/event-log/event-log-replay';
import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { deleteCommandWorld, runRandomCommands, type CommandWorld } from '../support/random-commands';
import { countryEvents, productEvents, statisticEvents as s } from '../support/read-model-events';
import { testConfig } from '../support/test-config';

const SEED = Number(process.env.ALERTS_TEST_SEED ?? 20261207);
const COMMANDS = Number(process.env.ALERTS_TEST_COMMANDS ?? 3_000);
const SHARDS = 4;
/** Loose on purpose, so random figures raise (and revisions close) many anomalies. */
const SETTINGS: AnomalySettings = { yoyFactor: '1.5', meanFactor: '1.5', minUsd: '10' };

type Alerts = Map<string, Record<string, unknown>>;

describe('alerts in the read model', () => {
  const config = testConfig();
  const client = new Client({ node: config.ES_URL, requestTimeout: 120_000 });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 8 });
  const indexes = new ReadModelIndexManager(client, config.ES_INDEX_PREFIX);
  const runs = new RebuildRuns(pool, config.ES_INDEX_PREFIX);
  const names = new PgNamesVersion(pool);
  const dirty = new DirtySummaries(pool, config.ES_INDEX_PREFIX);
  const replay = new EventLogReplay(pool);
  const heard: AlertNotice[] = [];
  const anomalies = new AnomalyAlerts(client, SETTINGS, () => new Date(), async (_, notices) => void heard.push(...notices));
  const projection = new ReadModelProjection(client, { names, anomalies });
  const summaries = new SummaryRecompute(client, new ReadModelLookups(client), undefined, undefined, anomalies);
  let world: CommandWorld | undefined;

  beforeAll(() => indexes.ensure());

  afterAll(async () => {
    if (world) await deleteCommandWorld(pool, world);
    await runs.deleteAll();
    await dirty.deleteAll();
    await names.deleteAll(config.ES_INDEX_PREFIX);
    await indexes.deleteAll();
    await pool.end();
    await client.close();
  });

  it('given a statistic over the threshold, when it is revised under it, then its one alert is closed; a redelivery changes nothing', async () => {
    const key: [string, string, string] = ['KR', '8703231000', '2026-05'];
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute));
    await projection.applyBatch([countryEvents.registered('KR', 'Testland KR', '테스트국 KR')], indexes.aliases);
    const raised = await projection.applyBatch([s.recorded(key, 1, '2000000.00', '1.000', at(1)), s.thresholdExceeded(key, 2, '2000000.00', at(1))], indexes.aliases);
    const opened = await alertOf('threshold-2026-05-KR-8703231000');
    const revised = await projection.applyBatch([s.revised(key, 3, '1000000.00', '1.000', ['2000000.00', '1.000'], at(7))], indexes.aliases);
    const again = await projection.applyBatch([s.thresholdExceeded(key, 2, '2000000.00', at(1)), s.revised(key, 3, '1000000.00', '1.000', ['2000000.00', '1.000'], at(7))], indexes.aliases);

    const closed = {
      kind: 'threshold',
      type: 'ExportThresholdExceeded',
      status: 'closed',
      scope: 'KR-8703231000',
      countryCode: 'KR',
      hsCode: '8703231000',
      chapterCode: '87',
      period: '2026-05',
      year: 2026,
      month: 5,
      // At exactly the threshold: not above it, so the alert closes.
      valueUsd: '1000000.00',
      valueUsdCents: 100_000_000,
      thresholdUsd: '1000000.00',
      yearAgoUsd: null,
      trailingMeanUsd: null,
      streamVersion: 3,
      openedAt: at(1).toISOString(),
      updatedAt: at(7).toISOString(),
      closedAt: at(7).toISOString(),
    };
    expect(opened).toEqual({ ...closed, status: 'open', valueUsd: '2000000.00', valueUsdCents: 200_000_000, streamVersion: 2, updatedAt: at(1).toISOString(), closedAt: null });
    expect(await alertOf('threshold-2026-05-KR-8703231000')).toEqual(closed);
    expect(raised.alerts.map((notice) => [notice.type, notice.id])).toEqual([['AlertRaised', 'threshold-2026-05-KR-8703231000']]);
    expect(revised.alerts.map((notice) => [notice.type, notice.alert.status])).toEqual([['AlertClosed', 'closed']]);
    expect(again.alerts).toEqual([]);
    expect(await countAlerts({ scope: 'KR-8703231000' })).toBe(1);
  });

  it('given a pair whose twelve months hold 1,000 each, when its next month records 5,000, then a rise; a revision of the year-ago month or of the month itself closes it', async () => {
    const events = [countryEvents.registered('KP', 'Testland KP', '테스트국 KP'), productEvents.created('09', 'Coffee, tea', '커피, 차')];
    for (let i = 0; i < 12; i++) events.push(s.recorded(['KP', '0901110000', Period.of(2024, 1).plusMonths(i).toString()], 1, '1000.00', '1.000'));
    await projection.applyBatch(events, indexes.aliases);
    await projection.applyBatch([s.recorded(['KP', '0901110000', '2025-01'], 1, '5000.00', '1.000')], indexes.aliases);
    const rise = await alertOf('anomaly-rise-2025-01-KP-09');
    // A change to 2024-01 moves 2025-01's baselines: y = 4000, so 5000 is no longer 1.5 times it.
    await projection.applyBatch([s.revised(['KP', '0901110000', '2024-01'], 2, '4000.00', '1.000')], indexes.aliases);
    const closedByBaseline = await alertOf('anomaly-rise-2025-01-KP-09');
    await projection.applyBatch([s.revised(['KP', '0901110000', '2024-01'], 3, '1000.00', '1.000')], indexes.aliases);
    const reopened = await alertOf('anomaly-rise-2025-01-KP-09');
    await projection.applyBatch([s.revised(['KP', '0901110000', '2025-01'], 2, '1100.00', '1.000')], indexes.aliases);

    // 5000 > 1.5 × 1000 (year-ago and mean alike) and 4000 more than both: over the minimum of 10.
    expect(rise).toMatchObject({ status: 'open', kind: 'anomaly-rise', type: 'ExportAnomaly', valueUsd: '5000.00', yearAgoUsd: '1000.00', trailingMeanUsd: '1000.00', closedAt: null });
    expect(closedByBaseline).toMatchObject({ status: 'closed', valueUsd: '5000.00', yearAgoUsd: '1000.00', closedAt: expect.any(String) });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    expect(await alertOf('anomaly-rise-2025-01-KP-09')).toMatchObject({ status: 'closed', valueUsd: '5000.00', closedAt: expect.any(String) });
    expect(heard.filter((notice) => notice.id === 'anomaly-rise-2025-01-KP-09').map((notice) => notice.type)).toEqual(['AlertRaised', 'AlertClosed', 'AlertRaised', 'AlertClosed']);
    expect(await countAlerts({ scope: 'KP-09' })).toBe(1);
  });

  it('after a random mix of records, revisions and retractions on four shards, the live alerts equal a rebuild and the figures in PostgreSQL', async () => {
    const random = new Random(SEED);
    // Three lines in each of two chapters (a retraction leaves its pair a history), two partners,
    // 24 months: 48 pair-months that may have a full trailing year.
    const hsCodes = ['8518309000', '8518210000', '8542310000', '8703231000', '8703241000', '8708999000'];
    const periods = Array.from({ length: 24 }, (_, i) => Period.of(2024, 1).plusMonths(i).toString());
    world = await runRandomCommands(pool, random, COMMANDS, hsCodes, periods, 2);
    const events = await readAll(replay, world.streamIds);

    let consuming = true;
    const flushers = [0, 1].map(async () => {
      const flusher = new SummaryFlusher(summaries, dirty, config.ES_INDEX_PREFIX);
      while (consuming) {
        await flusher.flush();
        await sleep(20 + random.int(80));
      }
    });
    await Promise.all(deliveries(events, random).map((queue) => consume(queue, random)));
    consuming = false;
    await Promise.all(flushers);
    await new SummaryFlusher(summaries, dirty, config.ES_INDEX_PREFIX).flush();
    const live = await alertsOf(generationSet(config.ES_INDEX_PREFIX, 1).alerts, world.countries);

    const run = await new ReadModelRebuilder(client, projection, indexes, replay, runs).rebuild('test', { batchSize: 200, filter: { streamIds: world.streamIds } });
    const rebuilt = await alertsOf(generationSet(config.ES_INDEX_PREFIX, run.toGeneration).alerts, world.countries);

    const thresholds = (alerts: Alerts) => new Map([...alerts].filter(([id]) => id.startsWith('threshold-')));
    const openAnomalies = (alerts: Alerts) =>
      new Map([...alerts].filter(([id, alert]) => id.startsWith('anomaly-') && alert.status === 'open').map(([id, alert]) => [id, withoutTimes(alert)]));
    // Threshold alerts are the statistics' own history, times included; anomalies are the final figures'.
    expect(thresholds(rebuilt)).toEqual(thresholds(live));
    expect(openAnomalies(rebuilt)).toEqual(openAnomalies(live));
    // Closed anomalies are history the final figures cannot give back: the rebuild carries them over.
    expect(untimed(rebuilt)).toEqual(untimed(live));
    // ... and both are what PostgreSQL's figures say, by a computation of their own.
    const expected = await expectedFromSql(pool, world);
    expect([...openAnomalies(live).keys()].sort()).toEqual([...expected.anomalies.keys()].sort());
    for (const [id, baselines] of expected.anomalies) expect(live.get(id)).toMatchObject(baselines);
    expect([...thresholds(live)].filter(([, alert]) => alert.status === 'open').map(([id]) => id).sort()).toEqual(expected.openThresholds);
    // The mix did what it is for: alerts of every kind, some opened and closed again.
    const closed = [...live.values()].filter((alert) => alert.status === 'closed');
    expect(expected.anomalies.size).toBeGreaterThan(5);
    expect(expected.openThresholds.length).toBeGreaterThan(0);
    expect(closed.some((alert) => alert.kind === 'threshold')).toBe(true);
    expect(closed.some((alert) => alert.type === 'ExportAnomaly')).toBe(true);
  }, 600_000);

  async function alertOf(id: string) {
    return (await client.get({ index: indexes.aliases.alerts, id }))._source;
  }

  async function countAlerts(term: Record<string, string>): Promise<number> {
    await client.indices.refresh({ index: indexes.aliases.alerts });
    return (await client.count({ index: indexes.aliases.alerts, query: { term } })).count;
  }

  async function alertsOf(index: string, countries: readonly string[]): Promise<Alerts> {
    await client.indices.refresh({ index });
    const response = await client.search<Record<string, unknown>>({ index, size: 10_000, query: { terms: { countryCode: [...countries] } } });
    return new Map(response.hits.hits.map((hit) => [hit._id!, hit._source!]));
  }

  /** One queue's consumer, as ReadModelMessageHandler does it: facts and threshold alerts now, summaries queued. */
  async function consume(queue: StoredEvent[], random: Random) {
    for (let start = 0; start < queue.length; ) {
      const size = 1 + random.int(120);
      const { touched } = await projection.applyBatch(queue.slice(start, start + size), indexes.aliases, { summaries: 'queued' });
      await dirty.mark('live', touched);
      start += size;
    }
  }
});

function untimed(alerts: Alerts): Map<string, Record<string, unknown>> {
  return new Map([...alerts].map(([id, alert]) => [id, withoutTimes(alert)]));
}

function withoutTimes(alert: Record<string, unknown>): Record<string, unknown> {
  const { openedAt: _o, updatedAt: _u, closedAt: _c, ...rest } = alert;
  return rest;
}

/**
 * What the alerts must be, from the aggregate table: open threshold alerts are the active
 * statistics above 1,000,000; anomalies come from pair-month sums made by PostgreSQL.
 */
async function expectedFromSql(pool: Pool, world: CommandWorld) {
  const keys = [...world.statisticKeys];
  const over = await pool.query<{ id: string }>(
    `select 'threshold-' || year || '-' || lpad(month::text, 2, '0') || '-' || country_code || '-' || hs_code as id
     from export_statistic where key = any($1::text[]) and status = 'active' and value_usd > 1000000 order by 1`,
    [keys],
  );
  const sums = await pool.query<{ pair: string; period: string; value: string }>(
    `select country_code || '-' || substr(hs_code, 1, 2) as pair, year || '-' || lpad(month::text, 2, '0') as period, sum(value_usd)::text as value
     from export_statistic where key = any($1::text[]) and status = 'active' group by 1, 2`,
    [keys],
  );
  const byPair = new Map<string, Map<string, number>>();
  for (const row of sums.rows) {
    const months = byPair.get(row.pair) ?? new Map<string, number>();
    months.set(row.period, toUnits(row.value, CENTS));
    byPair.set(row.pair, months);
  }
  const anomalies = new Map<string, Record<string, unknown>>();
  for (const [pair, months] of byPair) {
    for (const [period, valueCents] of months) {
      const month = Period.parse(period);
      const trailing = Array.from({ length: 12 }, (_, i) => months.get(month.plusMonths(i - 12).toString()) ?? null);
      const anomaly = detectAnomaly({ valueCents, trailing }, SETTINGS);
      if (!anomaly) continue;
      anomalies.set(`anomaly-${anomaly.direction}-${period}-${pair}`, {
        valueUsdCents: valueCents,
        yearAgoUsd: (anomaly.yearAgoCents / 100).toFixed(2),
        trailingMeanUsd: trailingMeanUsd(anomaly.trailingSumCents),
      });
    }
  }
  return { openThresholds: over.rows.map((row) => row.id), anomalies };
}

async function readAll(replay: EventLogReplay, streamIds: string[]): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor = { transactionId: '0', position: '0' };
  const head = await replay.head({ streamIds });
  for (;;) {
    const batch = await replay.readAfter(cursor, 5_000, { streamIds });
    if (batch.length === 0 && (head === null || !(await replay.heldBack(cursor, head, { streamIds })))) return events;
    if (batch.length === 0) {
      await sleep(100);
      continue;
    }
    events.push(...batch);
    const last = batch[batch.length - 1];
    cursor = { transactionId: last.transactionId, position: last.position };
  }
}

/** Statistic events by key hash to four shards, country events to a fifth queue; duplicates and redelivered stretches. */
function deliveries(events: readonly StoredEvent[], random: Random): StoredEvent[][] {
  const queues: StoredEvent[][] = Array.from({ length: SHARDS + 1 }, () => []);
  for (const event of events) queues[event.streamId.startsWith('statistic:') ? hash(event.streamId) % SHARDS : SHARDS].push(event);
  return queues.map((queue) => {
    const delivered: StoredEvent[] = [];
    queue.forEach((event, i) => {
      delivered.push(event);
      if (random.next() < 0.08) delivered.push(event);
      if (random.next() < 0.03) delivered.push(...queue.slice(Math.max(0, i - 1 - random.int(30)), i + 1));
    });
    return delivered;
  });
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
  return h;
}
