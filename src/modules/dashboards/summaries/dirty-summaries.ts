import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { inTransaction } from '../../../platform/database/pg-transaction';
import type { LogCursor } from '../../../platform/event-log/log-cursor';
import { TouchedScopes } from '../domain/summary-scopes';
import { WakeSignal } from '../../../platform/relay/wake-signal';

export interface DirtyRow {
  readonly target: string;
  readonly period: string;
  readonly scope: string;
}

/** Of the marks a flush took for one (target, month), the newest event they were made for, as a log cursor. */
export interface NewestMark extends LogCursor {
  readonly target: string;
  readonly period: string;
}

/**
 * The queue of summaries to recompute (table summary_mark), append-only. Marking inserts a row per
 * touched month, holding the month's touched summaries, and nothing else: consumers never wait
 * for each other's locks, however many of them touch the same national total. A flush takes marks
 * in a transaction that deletes them and commits only once their summaries are written, so a crash
 * or a failed recomputation leaves them queued, and a mark committed meanwhile is not among them.
 * Marks carry ids from one uncached identity: everything marked before a moment has an id at most
 * `head()` read at that moment.
 */
export class DirtySummaries {
  private readonly marked = new WakeSignal();

  constructor(
    private readonly pool: Pool,
    private readonly prefix: string,
  ) {}

  /**
   * Resolves true once a mark is made through this object (in this process; one made meanwhile
   * counts), false when `timeoutMs` passed first. One waiter at a time: the flusher's loop.
   */
  nextMark(timeoutMs: number): Promise<boolean> {
    return this.marked.wait(timeoutMs, { ref: false });
  }

  /** `throughPosition`: the log position of the newest event of the batch (what a flush of the mark reflects). */
  async mark(target: string, touched: TouchedScopes, throughPosition: string | null = null): Promise<void> {
    const rows = touched.periods().flatMap(([period, scopes]) => scopes.map((scope) => [period, scope] as const));
    for (let start = 0; start < rows.length; start += 10_000) {
      const part = rows.slice(start, start + 10_000);
      await this.pool.query({
        name: 'summary-mark',
        text: `insert into summary_mark (index_prefix, target, period, scopes, through_position)
               select $1, $2, r.period, array_agg(r.scope), $5::bigint from unnest($3::text[], $4::text[]) as r(period, scope) group by r.period`,
        values: [this.prefix, target, part.map(([period]) => period), part.map(([, scope]) => scope), throughPosition],
      });
    }
    if (rows.length > 0) this.marked.wake();
  }

  /** The newest mark so far (of this prefix). */
  async head(): Promise<string> {
    const { rows } = await this.pool.query<{ head: string }>(`select coalesce(max(id), 0)::text as head from summary_mark where index_prefix = $1`, [this.prefix]);
    return rows[0].head;
  }

  /**
   * Takes every mark made at or before `upTo` of up to `months` (target, month) pairs and hands
   * their summaries, each once, to `recompute`, in one transaction: the marks are deleted if it
   * resolves and stay queued if it throws. A round is bounded by months, not by marks: a month's
   * import marks its ~7,000 summaries hundreds of thousands of times over, and a bound on marks
   * recomputed the same month once per round. Marks another flush is taking are waited for and
   * left to it; a flush whose instance froze or lost its network holds them until PostgreSQL ends
   * its idle transaction (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS), and they are taken here. Returns how many summaries were marked (repeats included); 0 means nothing is
   * left up to `upTo`. `recompute` also gets, per (target, month), the newest event the marks were
   * made for (in the log's reading order; marks made without a position add nothing).
   */
  async take(upTo: string, months: number, recompute: (rows: DirtyRow[], newest: NewestMark[]) => Promise<void>): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{
        picked: number;
        targets: string[];
        periods: string[];
        scopes: string[];
        newest: { target: string; period: string; transactionId: string; position: string }[];
      }>({
        name: 'summary-mark-take',
        text: `with pairs as materialized (
                 select distinct target, period from summary_mark
                 where index_prefix = $1 and id <= $2::bigint order by target, period limit $3),
               taken as (
                 delete from summary_mark m using pairs p
                 where m.index_prefix = $1 and m.id <= $2::bigint and m.target = p.target and m.period = p.period
                 returning m.target, m.period, m.scopes, m.through_position),
               summaries as (select distinct target, period, scope from taken, unnest(scopes) as scope),
               newest as (
                 select distinct on (t.target, t.period) t.target, t.period, e.transaction_id, e.position
                 from taken t join event_log e on e.position = t.through_position
                 order by t.target, t.period, e.transaction_id desc, e.position desc)
               select (select coalesce(sum(cardinality(scopes)), 0) from taken)::int as picked,
                      coalesce(array_agg(target), '{}') as targets, coalesce(array_agg(period), '{}') as periods,
                      coalesce(array_agg(scope), '{}') as scopes,
                      (select coalesce(json_agg(json_build_object('target', target, 'period', period,
                                'transactionId', transaction_id::text, 'position', position::text)), '[]') from newest) as newest
               from summaries`,
        values: [this.prefix, upTo, months],
      });
      const { picked, targets, periods, scopes, newest } = rows[0];
      if (targets.length > 0) await recompute(targets.map((target, i) => ({ target, period: periods[i], scope: scopes[i] })), newest);
      return picked;
    });
  }

  /** Summaries waiting, repeats included. */
  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      'select coalesce(sum(cardinality(scopes)), 0)::int as count from summary_mark where index_prefix = $1',
      [this.prefix],
    );
    return rows[0].count;
  }

  /** For tests and benchmarks that use a prefix of their own. */
  async deleteAll(): Promise<void> {
    await this.pool.query('delete from summary_mark where index_prefix = $1', [this.prefix]);
  }
}

/** Groups taken rows by target, as the scopes to recompute there. */
export function byTarget(rows: readonly DirtyRow[]): Map<string, TouchedScopes> {
  const targets = new Map<string, TouchedScopes>();
  for (const { target, period, scope } of rows) {
    let touched = targets.get(target);
    if (!touched) targets.set(target, (touched = new TouchedScopes()));
    touched.add(period, scope);
  }
  return targets;
}
