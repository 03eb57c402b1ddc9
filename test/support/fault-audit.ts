import { setTimeout as sleep } from 'node:timers/promises';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { READ_MODEL_INDEXES, type IndexSet } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { runCli } from './app-process';
import type { FaultWorld } from './fault-world';
import { expectSameDocuments, expectTotalsEqualSql, sqlTotals } from './read-model-audit';
import { readModelSnapshot } from './read-model-documents';
import { TEST_OPERATOR_KEY } from './test-config';
import type { WriteLoad } from './write-load';

/**
 * The fault suite's invariants, checked once the load has stopped and the instances are quiet:
 * every acknowledged write is in the log exactly once, where its receipt said; every stream's
 * versions run 1..n without a gap and the aggregate row has the last; the live read model equals a
 * rebuild from the log, and its totals equal PostgreSQL's sums.
 */
export async function expectEveryAckedWriteExactlyOnce(world: FaultWorld, load: WriteLoad): Promise<void> {
  const { rows } = await world.db.query<{ correlationId: string; events: number; streamId: string; version: number }>(
    `select metadata->>'correlationId' as "correlationId", count(*)::int as events, min(stream_id) as "streamId", min(stream_version) as version
     from event_log where metadata->>'correlationId' = any($1::text[]) group by 1`,
    [load.sent],
  );
  const found = new Map(rows.map((row) => [row.correlationId, row]));
  // Nothing written twice, acknowledged or not (a request whose answer was lost may have landed once).
  expect(rows.filter((row) => row.events !== 1)).toEqual([]);
  const wrong = load.acked
    .map((ack) => ({ ack, stored: found.get(ack.correlationId) }))
    .filter(({ ack, stored }) => stored?.streamId !== ack.streamId || stored?.version !== ack.version);
  expect({ acknowledged: load.acked.length, missingOrMisplaced: wrong.slice(0, 5) }).toEqual({ acknowledged: load.acked.length, missingOrMisplaced: [] });
}

export async function expectContiguousStreams(world: FaultWorld): Promise<void> {
  const gaps = await world.db.query(
    `select stream_id, count(*)::int as events, min(stream_version) as first, max(stream_version) as last, count(distinct stream_version)::int as versions
     from event_log group by stream_id
     having min(stream_version) <> 1 or max(stream_version) <> count(*) or count(distinct stream_version) <> count(*)`,
  );
  expect(gaps.rows).toEqual([]);
  const behind = await world.db.query(
    `select s.key, s.version, e.last from export_statistic s
     left join (select stream_id, max(stream_version) as last from event_log group by stream_id) e on e.stream_id = 'statistic:' || s.key
     where e.last is distinct from s.version`,
  );
  expect(behind.rows).toEqual([]);
}

/**
 * Waits until the instance at `url` answers a query `fresh` at the log's head (the relay published
 * everything and every queue's projection passed it), and no summary is waiting to be recomputed.
 */
export async function waitUntilQuiet(world: FaultWorld, url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const head = (await world.db.query<{ head: string }>('select coalesce(max(position), 0)::text as head from event_log')).rows[0].head;
  const dirty = new DirtySummaries(world.db, world.esIndexPrefix);
  const query = `query($at: String!) { dashboardSummary(year: 2025, consistency: { atLeastPosition: $at, timeoutMs: 5000 }) { fresh } }`;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_OPERATOR_KEY },
        body: JSON.stringify({ query, variables: { at: head } }),
        signal: AbortSignal.timeout(15_000),
      });
      last = await response.text();
      const fresh = (JSON.parse(last) as { data?: { dashboardSummary?: { fresh?: boolean } } }).data?.dashboardSummary?.fresh;
      if (fresh === true && (await dirty.count()) === 0) return;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`the read model did not reach log position ${head} within ${timeoutMs} ms; last answer: ${last.slice(0, 500)}`);
}

/** Nothing parked: every message reached its projector (an outage is retried, never parked). */
export async function expectNothingParked(world: FaultWorld): Promise<void> {
  const { rows } = await world.db.query(
    `select k.key, m.reason, m.errors->>0 as "firstError" from parked_key k
     left join lateral (select reason, errors from parked_message m where m.scope = k.scope and m.key = k.key order by seq limit 1) m on true
     where k.scope = $1 order by k.key limit 5`,
    [world.brokerPrefix],
  );
  expect(rows).toEqual([]);
}

/**
 * With the instances stopped: the live generation of the read model equals a rebuild from the log
 * (the operator's `rebuild` command, run as a child process), and its totals equal PostgreSQL's.
 */
export async function expectReadModelEqualsRebuildAndSql(world: FaultWorld): Promise<void> {
  const indexes = new ReadModelIndexManager(world.es, world.esIndexPrefix);
  const liveSet = await indexSet(world, await indexes.current());
  const live = await readModelSnapshot(world.es, liveSet);
  await runCli(world.env(), ['rebuild']);
  const rebuiltSet = await indexSet(world, await indexes.current());
  expect(rebuiltSet.facts).not.toBe(liveSet.facts);
  const rebuilt = await readModelSnapshot(world.es, rebuiltSet);

  expectSameDocuments(live, rebuilt);
  expectTotalsEqualSql(live, await sqlTotals(world.db, null));
  const statistics = (await world.db.query<{ count: number }>('select count(*)::int as count from export_statistic')).rows[0].count;
  expect(live.facts.size).toBe(statistics);
}

async function indexSet(world: FaultWorld, current: Map<string, string>): Promise<IndexSet> {
  const missing = READ_MODEL_INDEXES.filter((name) => !current.has(name));
  if (missing.length > 0) {
    const indices = await world.es.cat.indices({ index: `${world.esIndexPrefix}-*`, format: 'json', h: 'index,docs.count' });
    const aliases = await world.es.cat.aliases({ name: `${world.esIndexPrefix}-*`, format: 'json', h: 'alias,index' });
    throw new Error(`no index behind the alias of ${missing.join(', ')}; indexes ${JSON.stringify(indices)}, aliases ${JSON.stringify(aliases)}`);
  }
  return Object.fromEntries(READ_MODEL_INDEXES.map((name) => [name, current.get(name)!])) as IndexSet;
}

/** All of the above, in order: the load has stopped; `url` is a healthy instance, stopped (with every other) before the rebuild. */
export async function expectFaultSurvived(world: FaultWorld, load: WriteLoad, quietUrl: string, stopInstances: () => Promise<void>): Promise<void> {
  world.mark(`load stopped (${load.acked.length} acknowledged, failures ${load.describeFailures()})`);
  await expectEveryAckedWriteExactlyOnce(world, load);
  await expectContiguousStreams(world);
  await waitUntilQuiet(world, quietUrl);
  world.mark('quiet');
  await expectNothingParked(world);
  await stopInstances();
  await expectReadModelEqualsRebuildAndSql(world);
  world.mark('read model = rebuild = SQL');
}
