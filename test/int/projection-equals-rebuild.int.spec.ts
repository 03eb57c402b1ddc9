import { Client } from '@elastic/elasticsearch';
import { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { EventLogReplay } from '../../src/platform/event-log/event-log-replay';
import { PgNamesVersion } from '../../src/modules/dashboards/elasticsearch/names-version';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { generationSet, READ_MODEL_INDEXES } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { ReadModelRebuilder } from '../../src/modules/dashboards/rebuild/read-model-rebuilder';
import { RebuildRuns } from '../../src/modules/dashboards/rebuild/rebuild-runs';
import { SummaryFlusher } from '../../src/modules/dashboards/summaries/summary-flusher';
import { SummaryRecompute } from '../../src/modules/dashboards/summaries/summary-recompute';
import { ReadModelLookups } from '../../src/modules/dashboards/projections/read-model-lookups';
import { Random } from '../../src/modules/sample-data/random';
import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { deleteCommandWorld, runRandomCommands, type CommandWorld } from '../support/random-commands';
import { readModelSnapshot } from '../support/read-model-documents';
import { expectSameDocuments, expectTotalsEqualSql, sqlTotals } from '../support/read-model-audit';
import { testConfig } from '../support/test-config';

const SEED = Number(process.env.PROJECTION_TEST_SEED ?? 20261121);
const COMMANDS = Number(process.env.PROJECTION_TEST_COMMANDS ?? 5_000);
const SHARDS = 4;

/**
 * Invariants 1-3 of DESIGN.md for the read model: ~5,000 seeded random commands go through the
 * write side into the log; their events reach the projection as the broker would deliver them
 * (four shards and the reference queue running concurrently, with duplicates and redeliveries of
 * older stretches; summaries queued and flushed by two concurrent flushers, as two instances would);
 * once quiet, every document equals a rebuild from the log, and the totals equal SQL sums over the
 * aggregate table.
 */
describe('Projection equals rebuild', () => {
  const config = testConfig();
  const client = new Client({ node: config.ES_URL, requestTimeout: 120_000 });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 8 });
  const indexes = new ReadModelIndexManager(client, config.ES_INDEX_PREFIX);
  const runs = new RebuildRuns(pool, config.ES_INDEX_PREFIX);
  const names = new PgNamesVersion(pool);
  const projection = new ReadModelProjection(client, { names });
  const summaries = new SummaryRecompute(client, new ReadModelLookups(client));
  const replay = new EventLogReplay(pool);
  const dirty = new DirtySummaries(pool, config.ES_INDEX_PREFIX);
  let world: CommandWorld | undefined;

  afterAll(async () => {
    if (world) await deleteCommandWorld(pool, world);
    await runs.deleteAll();
    await dirty.deleteAll();
    await names.deleteAll(config.ES_INDEX_PREFIX);
    await indexes.deleteAll();
    await pool.end();
    await client.close();
  });

  it('every document equals a rebuild from the log, and every total the SQL sum', async () => {
    const random = new Random(SEED);
    const hsCodes = ['85', '8518', '8517', '87', '8703'].flatMap((prefix) =>
      Array.from({ length: 3 }, () => `${prefix}${String(random.int(10 ** (10 - prefix.length))).padStart(10 - prefix.length, '0')}`),
    );
    const periods = ['2024', '2025'].flatMap((year) => ['01', '03', '06', '08', '11', '12'].map((month) => `${year}-${month}`));
    world = await runRandomCommands(pool, random, COMMANDS, hsCodes, periods);
    await indexes.ensure();
    const events = await readAll(replay, world.streamIds);

    // Consumers apply facts and queue summaries; two "instances" flush the queue meanwhile.
    let consuming = true;
    const flushers = [0, 1].map(async () => {
      const flusher = new SummaryFlusher(summaries, dirty, config.ES_INDEX_PREFIX);
      while (consuming) {
        await flusher.flush();
        await sleep(20 + random.int(80));
      }
    });
    await Promise.all(deliveries(events, random).map((queue) => consume(projection, dirty, queue, indexes.aliases, random)));
    consuming = false;
    await Promise.all(flushers);
    await new SummaryFlusher(summaries, dirty, config.ES_INDEX_PREFIX).flush();
    expect(await dirty.count()).toBe(0);
    const live = await readModelSnapshot(client, generationSet(config.ES_INDEX_PREFIX, 1));

    const run = await new ReadModelRebuilder(client, projection, indexes, replay, runs).rebuild('test', {
      batchSize: 1_000,
      filter: { streamIds: world.streamIds },
    });
    const rebuilt = await readModelSnapshot(client, generationSet(config.ES_INDEX_PREFIX, run.toGeneration));

    expect(run).toMatchObject({ status: 'completed', phase: 'done', fromGeneration: 1, toGeneration: 2, processedEvents: events.length });
    expect(await indexes.current()).toEqual(new Map(READ_MODEL_INDEXES.map((name) => [name, `${config.ES_INDEX_PREFIX}-${name}-v2`])));
    expectSameDocuments(live, rebuilt);
    expect(live.facts.size).toBe(world.statisticKeys.size);
    expect(world.counts.deactivate).toBeGreaterThan(0);

    expectTotalsEqualSql(live, await sqlTotals(pool, [...world.statisticKeys]));
  }, 900_000);
});

async function readAll(replay: EventLogReplay, streamIds: string[]): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor = { transactionId: '0', position: '0' };
  const head = await replay.head({ streamIds });
  for (;;) {
    const batch = await replay.readAfter(cursor, 5_000, { streamIds });
    // An empty read is the end only once the head is reached: a transaction open elsewhere on the
    // server holds the gap-safe read back until it ends.
    if (batch.length === 0 && (head === null || !(await replay.heldBack(cursor, head, { streamIds })))) return events;
    if (batch.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    events.push(...batch);
    const last = batch[batch.length - 1];
    cursor = { transactionId: last.transactionId, position: last.position };
  }
}

/**
 * What each queue delivers: statistic events by key hash to four shards in log order, country
 * events to the reference queue; then ~8 % duplicates, and now and then a redelivery of an earlier
 * stretch (up to 30 messages) after newer ones, as after a consumer crash before its ack.
 */
function deliveries(events: readonly StoredEvent[], random: Random): StoredEvent[][] {
  const queues: StoredEvent[][] = Array.from({ length: SHARDS + 1 }, () => []);
  for (const event of events) {
    const queue = event.streamId.startsWith('statistic:') ? hash(event.streamId) % SHARDS : SHARDS;
    queues[queue].push(event);
  }
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

/** One queue's consumer, as ReadModelMessageHandler does it: facts now, summaries queued. */
async function consume(projection: ReadModelProjection, dirty: DirtySummaries, queue: StoredEvent[], aliases: ReadModelIndexManager['aliases'], random: Random) {
  for (let start = 0; start < queue.length; ) {
    const size = 1 + random.int(250);
    const { touched } = await projection.applyBatch(queue.slice(start, start + size), aliases, { summaries: 'queued' });
    await dirty.mark('live', touched);
    start += size;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
  return h;
}
