import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DirtySummaries } from '../src/modules/dashboards/summaries/dirty-summaries';
import { PgNamesVersion } from '../src/modules/dashboards/elasticsearch/names-version';
import { EventLogReplay } from '../src/platform/event-log/event-log-replay';
import { ProjectionCheckpoints } from '../src/modules/dashboards/freshness/projection-checkpoints';
import { ReadModelFreshness } from '../src/modules/dashboards/freshness/read-model-freshness';
import { ReadModelIndexManager } from '../src/modules/dashboards/elasticsearch/read-model-index-manager';
import type { IndexSet } from '../src/modules/dashboards/elasticsearch/read-model-indexes';
import { scopesOfAllFacts } from '../src/modules/dashboards/projections/facts/fact-scans';
import { ReadModelProjection } from '../src/modules/dashboards/read-model.projection';
import { SummaryFlusher, type FlushStats } from '../src/modules/dashboards/summaries/summary-flusher';
import { SummaryRecompute } from '../src/modules/dashboards/summaries/summary-recompute';
import { ReadModelLookups } from '../src/modules/dashboards/projections/read-model-lookups';
import { ReadModelRebuilder } from '../src/modules/dashboards/rebuild/read-model-rebuilder';
import { RebuildRuns } from '../src/modules/dashboards/rebuild/rebuild-runs';
import { GetDashboardSummaryHandler } from '../src/modules/dashboards/queries/get-dashboard-summary/get-dashboard-summary.handler';
import { GetDashboardSummaryQuery } from '../src/modules/dashboards/queries/get-dashboard-summary/get-dashboard-summary.query';
import { ImportFirstPublicationHorizon } from '../src/modules/dashboards/publication/import-first-publication-horizon';
import { ReadModelLatestMonth } from '../src/modules/dashboards/publication/read-model-latest-month';
import { Clock } from '../src/platform/cqrs/clock';
import { loadConfig } from '../src/config/app-config';
import type { BenchSection } from './bench-section';
import { BENCH_DATABASE_URL } from './support/bench-database';
import { createSqlFactsTable, dropSqlFacts, indexSqlFacts, sqlDashboard } from './support/dashboard-sql';
import { FIRST_YEAR, loadFacts, loadLogEvents, loadSqlFacts, PERIODS, recordedEvent, syntheticFact, syntheticUniverse, type SyntheticUniverse } from './support/read-model-synthetic';
import { envInt, ms, percentile, perSecond } from './support/stats';

const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';

/**
 * The read model against its targets: dashboardSummary latency over 1 and 10 million facts beside
 * the same summary by SQL aggregates on PostgreSQL, projection throughput, and a rebuild of a
 * million events. Sizes come from READ_BENCH_* variables; everything it creates (indexes under a
 * prefix of its own, a schema, log rows) is removed at the end.
 */
export async function runReadModelBench(): Promise<BenchSection> {
  const sizes = [envInt('READ_BENCH_FACTS_SMALL', 1_000_000), envInt('READ_BENCH_FACTS_LARGE', 10_000_000)];
  const queryCount = envInt('READ_BENCH_QUERIES', 300);
  const sqlRuns = envInt('READ_BENCH_SQL_RUNS', 10);
  const projectionEvents = envInt('READ_BENCH_PROJECTION_EVENTS', 200_000);
  const projectionBatches = (process.env.READ_BENCH_PROJECTION_BATCHES ?? '200,1000,2000').split(',').map(Number);
  const rebuildEvents = envInt('READ_BENCH_REBUILD_EVENTS', 1_000_000);
  const parts = new Set((process.env.READ_BENCH_PARTS ?? 'dashboard,projection,rebuild').split(','));
  const client = new Client({ node: ES_URL, requestTimeout: 300_000 });
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: 8 });
  const prefix = `bench-rm-${randomBytes(3).toString('hex')}`;
  const indexes = new ReadModelIndexManager(client, prefix);
  const rebuildPrefix = `${prefix}-rebuild`;
  const universe = syntheticUniverse();
  const rows: BenchSection['rows'][number][] = [];
  const notes: string[] = [];
  try {
    await indexes.ensure();
    await createSqlFactsTable(pool);
    let loaded = 0;
    for (const size of parts.has('dashboard') ? sizes : []) {
      const label = `${(size / 1e6).toLocaleString('en-US')}M facts`;
      const started = performance.now();
      await loadFacts(client, indexes.aliases, universe, loaded, size, (done) => progress(`facts ${label}`, done, size - loaded));
      await loadSqlFacts(pool, universe, loaded, size);
      await indexSqlFacts(pool);
      const summaries = await summarize(client, indexes.aliases);
      notes.push(`${label}: loaded (ES + PostgreSQL) and summarized in ${((performance.now() - started) / 1000).toFixed(0)} s (${summaries.toLocaleString('en-US')} monthly scopes).`);
      loaded = size;
      const es = await esLatencies(client, pool, prefix, indexes.aliases, queryCount);
      const sql = await sqlLatencies(pool, sqlRuns);
      rows.push(
        { metric: `dashboardSummary over ${label}: p50 / p95 / p99`, value: `${ms(percentile(es, 50))} / ${ms(percentile(es, 95))} / ${ms(percentile(es, 99))}`, target: 'p95 < 30 ms (at 10M)' },
        { metric: `Same summary by SQL aggregates, ${label}: p50 / p95`, value: `${ms(percentile(sql, 50))} / ${ms(percentile(sql, 95))}` },
        { metric: `Read model vs SQL, ${label} (p50 ratio)`, value: `${Math.round(percentile(sql, 50) / percentile(es, 50)).toLocaleString('en-US')}×`, target: '≥ 50×' },
      );
    }
    for (const [run, batch] of (parts.has('projection') ? projectionBatches : []).entries()) {
      const { elapsed, factsShare, flushes } = await projectionThroughput(client, pool, prefix, indexes.aliases, universe, projectionEvents, batch, run);
      rows.push({
        metric: `Projection into Elasticsearch: ${projectionEvents.toLocaleString('en-US')} new statistics of one month, 4 shards × batches of ${batch}, on top of ${(loaded / 1e6).toLocaleString('en-US')}M facts`,
        value: perSecond(projectionEvents, elapsed),
        target: '≥ 10,000 events/s',
      });
      notes.push(
        `Projection with batches of ${batch}: the shards spent ${Math.round(factsShare * 100)} % of their time applying facts and ${Math.round((1 - factsShare) * 100)} % queueing the touched summaries in PostgreSQL; ` +
          `beside them the flusher ran ${flushes.flushes} flushes, busy ${Math.round((flushes.busyMs / elapsed) * 100)} % of the run.`,
      );
    }
    if (parts.has('rebuild')) {
      const rebuild = await rebuildTime(client, pool, rebuildPrefix, universe, rebuildEvents);
      rows.push({
        metric: `Rebuild from the log: ${rebuild.events.toLocaleString('en-US')} events into new indexes, alias swap`,
        value: `${(rebuild.ms / 1000).toFixed(1)} s (${perSecond(rebuild.events, rebuild.ms)})`,
        target: '1M events < 2 min',
      });
    }
    notes.push(
      `Dashboard queries: ${queryCount} dashboardSummary calls through the query handler (no HTTP), a random year of ${FIRST_YEAR}-${FIRST_YEAR + PERIODS / 12 - 1}, half of them for one month, top 10, subheadings; SQL: ${sqlRuns} runs of the equivalent aggregates.`,
      'Synthetic data: 239 partner countries × 12,000 10-digit codes over the real HS 2022 subheadings, 120 months; facts written with the projector\'s own document builder, summaries by the projector\'s recomputation.',
      `Projection: four shards concurrently, each applying its batches in order (facts with external versions, the touched summaries queued in PostgreSQL), one flusher recomputing queued summaries under compare-and-set, paced as in the service (SummaryFlusher.runUntil: SUMMARY_FLUSH_INTERVAL_MS = ${loadConfig().SUMMARY_FLUSH_INTERVAL_MS} ms or twice the last flush's duration, whichever is longer); timed until the last summary is written.`,
      'Rebuild: Recorded events of one year (twelve months, ~83,000 statistics each) inserted into the bench event log beside the seeded reference data, replayed with summaries computed once at the end.',
      'Elasticsearch, PostgreSQL and the benchmark share the same 2 cores.',
    );
  } finally {
    process.stderr.write('\n');
    await indexes.deleteAll().catch(() => undefined);
    await new ReadModelIndexManager(client, rebuildPrefix).deleteAll().catch(() => undefined);
    await dropSqlFacts(pool).catch(() => undefined);
    await pool.query(`delete from event_log where metadata->>'correlationId' = 'bench-read-model'`).catch(() => undefined);
    await pool.query('delete from read_model_rebuild where index_prefix = $1', [rebuildPrefix]).catch(() => undefined);
    await new PgNamesVersion(pool).deleteAll(prefix).catch(() => undefined);
    await pool.end();
    await client.close();
  }
  return { title: 'Read model (Elasticsearch)', rows, notes };
}

/** The projector's own summary pass (the one a rebuild ends with), a year at a time. */
async function summarize(client: Client, aliases: IndexSet): Promise<number> {
  await client.indices.refresh({ index: aliases.facts });
  const projection = new ReadModelProjection(client);
  const all = await scopesOfAllFacts(client, aliases.facts);
  let done = 0;
  for (const year of all.splitByYear()) {
    await projection.recompute(aliases, year);
    progress('summaries', (done += year.size), all.size);
  }
  return all.size;
}

async function esLatencies(client: Client, pool: Pool, prefix: string, aliases: IndexSet, count: number): Promise<number[]> {
  const freshness = new ReadModelFreshness(new ProjectionCheckpoints(pool, prefix), [], { defaultTimeoutMs: 0, maxTimeoutMs: 0 });
  // The horizon without an import (the read model's fallback): its search is part of every query's cost,
  // the worst case; once an import has completed, the horizon is a cached PostgreSQL read instead.
  const clock = new Clock();
  const handler = new GetDashboardSummaryHandler(client, aliases, freshness, clock, new ImportFirstPublicationHorizon(null, new ReadModelLatestMonth(client, aliases), clock));
  const ask = (i: number) => handler.execute(new GetDashboardSummaryQuery(FIRST_YEAR + (i % 10), i % 2 === 0 ? null : 1 + ((i * 7) % 12), 10, 6, null));
  for (let i = 0; i < 20; i++) await ask(i);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await ask(i);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function sqlLatencies(pool: Pool, runs: number): Promise<number[]> {
  await sqlDashboard(pool, FIRST_YEAR + 5, null);
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await sqlDashboard(pool, FIRST_YEAR + (i % 10), i % 2 === 0 ? null : 1 + ((i * 7) % 12));
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/**
 * A month's import (a month after the data set) through four concurrent shards, as the live
 * consumers do it: facts per batch, summaries queued in PostgreSQL and flushed every second by
 * one flusher; the clock stops when the last summary is written.
 */
async function projectionThroughput(
  client: Client,
  pool: Pool,
  prefix: string,
  aliases: IndexSet,
  universe: SyntheticUniverse,
  count: number,
  batch: number,
  run: number,
): Promise<{ elapsed: number; factsShare: number; flushes: FlushStats }> {
  const projection = new ReadModelProjection(client, { names: new PgNamesVersion(pool) });
  const dirty = new DirtySummaries(pool, prefix);
  const flusher = new SummaryFlusher(new SummaryRecompute(client, new ReadModelLookups(client)), dirty, prefix);
  const flushEvery = loadConfig().SUMMARY_FLUSH_INTERVAL_MS;
  const shards: ReturnType<typeof recordedEvent>[][] = [[], [], [], []];
  for (let j = 0; j < count; j++) {
    // A month after the data set, a new one for each run: January 2026, February 2026, ...
    const fact = syntheticFact(universe, j * PERIODS, PERIODS + run);
    shards[j % 4].push(recordedEvent(fact, 10_000_000_000 + j));
  }
  let done = 0;
  const spent = { facts: 0, queueing: 0 };
  let consumed!: () => void;
  const finished = new Promise<void>((resolve) => (consumed = resolve));
  const started = performance.now();
  const flushing = flusher.runUntil(finished, flushEvery, (error) => {
    throw error;
  });
  await Promise.all(
    shards.map(async (events) => {
      for (let start = 0; start < events.length; start += batch) {
        const applying = performance.now();
        const { touched } = await projection.applyBatch(events.slice(start, start + batch), aliases, { summaries: 'queued' });
        const marking = performance.now();
        await dirty.mark('live', touched);
        spent.facts += marking - applying;
        spent.queueing += performance.now() - marking;
        progress('projection', (done += Math.min(batch, events.length - start)), count);
      }
    }),
  );
  consumed();
  const flushes = await flushing;
  const elapsed = performance.now() - started;
  await dirty.deleteAll();
  return { elapsed, factsShare: spent.facts / (spent.facts + spent.queueing), flushes };
}

async function rebuildTime(client: Client, pool: Pool, prefix: string, universe: SyntheticUniverse, count: number): Promise<{ ms: number; events: number }> {
  // One year: 1M events is about five months of real customs data, so twelve months is generous.
  await loadLogEvents(pool, universe, count, 12);
  const indexes = new ReadModelIndexManager(client, prefix);
  await indexes.ensure();
  const replay = new EventLogReplay(pool);
  const rebuilder = new ReadModelRebuilder(client, new ReadModelProjection(client, { names: new PgNamesVersion(pool) }), indexes, replay, new RebuildRuns(pool, prefix));
  const started = performance.now();
  const run = await rebuilder.rebuild('bench', { batchSize: 5_000, onProgress: (phase, done, total) => progress(`rebuild ${phase}`, done, total) });
  return { ms: performance.now() - started, events: run.processedEvents };
}

let lastProgress = 0;
function progress(what: string, done: number, total: number): void {
  if (Date.now() - lastProgress < 1000 && done < total) return;
  lastProgress = Date.now();
  process.stderr.write(`\r  ${what}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}        `);
}
