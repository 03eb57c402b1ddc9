import type { Pool } from 'pg';
import { TouchedScopes } from '../domain/summary-scopes';

export interface DirtyRow {
  readonly target: string;
  readonly period: string;
  readonly scope: string;
  readonly generation: string;
}

/**
 * The queue of summaries to recompute (table summary_dirty). Marking bumps a row's generation
 * (one new generation per mark, for all its rows);
 * `done` deletes a row only at the generation that was read, so a summary marked again while it was
 * being recomputed stays queued. Generations come from one sequence: everything marked before a
 * moment has a generation at most `head()` read at that moment.
 */
export class DirtySummaries {
  constructor(
    private readonly pool: Pool,
    private readonly prefix: string,
  ) {}

  async mark(target: string, touched: TouchedScopes): Promise<void> {
    const rows = touched.periods().flatMap(([period, scopes]) => scopes.map((scope) => [period, scope] as const));
    for (let start = 0; start < rows.length; start += 10_000) {
      const part = rows.slice(start, start + 10_000);
      await this.pool.query({
        name: 'summary-dirty-mark',
        text: `insert into summary_dirty (index_prefix, target, period, scope, generation)
               select $1, $2, r.period, r.scope, g.generation
               from unnest($3::text[], $4::text[]) as r(period, scope),
                    (select nextval('summary_dirty_generation') as generation) as g
               on conflict (index_prefix, target, period, scope)
               do update set generation = excluded.generation`,
        values: [this.prefix, target, part.map(([period]) => period), part.map(([, scope]) => scope)],
      });
    }
  }

  /** The newest generation handed out so far (for every prefix: the sequence is shared). */
  async head(): Promise<string> {
    const { rows } = await this.pool.query<{ head: string }>(`select coalesce(max(generation), 0)::text as head from summary_dirty where index_prefix = $1`, [this.prefix]);
    return rows[0].head;
  }

  /** Up to `limit` rows marked at or before `upTo`, oldest periods first. */
  async read(upTo: string, limit: number): Promise<DirtyRow[]> {
    const { rows } = await this.pool.query<DirtyRow>({
      name: 'summary-dirty-read',
      text: `select target, period, scope, generation::text as generation from summary_dirty
             where index_prefix = $1 and generation <= $2::bigint
             order by target, period limit $3`,
      values: [this.prefix, upTo, limit],
    });
    return rows;
  }

  async done(rows: readonly DirtyRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query({
      name: 'summary-dirty-done',
      text: `delete from summary_dirty d
             using unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) as r(target, period, scope, generation)
             where d.index_prefix = $1 and d.target = r.target and d.period = r.period and d.scope = r.scope
               and d.generation = r.generation`,
      values: [this.prefix, rows.map((r) => r.target), rows.map((r) => r.period), rows.map((r) => r.scope), rows.map((r) => r.generation)],
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('select count(*)::int as count from summary_dirty where index_prefix = $1', [this.prefix]);
    return rows[0].count;
  }

  /** For tests and benchmarks that use a prefix of their own. */
  async deleteAll(): Promise<void> {
    await this.pool.query('delete from summary_dirty where index_prefix = $1', [this.prefix]);
  }
}

/** Groups queued rows by target, as the scopes to recompute there. */
export function byTarget(rows: readonly DirtyRow[]): Map<string, TouchedScopes> {
  const targets = new Map<string, TouchedScopes>();
  for (const { target, period, scope } of rows) {
    let touched = targets.get(target);
    if (!touched) targets.set(target, (touched = new TouchedScopes()));
    touched.add(period, scope);
  }
  return targets;
}
