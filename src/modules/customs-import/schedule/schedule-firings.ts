import type { SqlPool } from '../../../platform/database/pg-pool';

/**
 * The schedule's firings in PostgreSQL (table customs_import_schedule_firing). Every statement is
 * a single compare-and-set, so instances racing for one occurrence need no lock: one insert, or
 * one takeover of a stale claim, wins; the others change no row.
 */
export class ScheduleFirings {
  constructor(
    private readonly pool: SqlPool,
    private readonly schedule: string,
    private readonly instance: string,
  ) {}

  /** True when this instance now holds the occurrence: it inserted it, or took over a claim older than `leaseMs` that never started. */
  async claim(occurrence: Date, month: string, leaseMs: number): Promise<boolean> {
    const inserted = await this.pool.query(
      `insert into customs_import_schedule_firing (schedule, occurrence, month, claimed_by, claimed_at)
       values ($1, $2, $3, $4, now()) on conflict do nothing`,
      [this.schedule, occurrence, month, this.instance],
    );
    if (inserted.rowCount === 1) return true;
    const takenOver = await this.pool.query(
      `update customs_import_schedule_firing set claimed_by = $3, claimed_at = now(), attempts = attempts + 1
        where schedule = $1 and occurrence = $2 and started_at is null
          and claimed_at < now() - make_interval(secs => $4::double precision / 1000)`,
      [this.schedule, occurrence, this.instance, leaseMs],
    );
    return takenOver.rowCount === 1;
  }

  async started(occurrence: Date, importId: string): Promise<void> {
    await this.pool.query(
      `update customs_import_schedule_firing set started_at = now(), import_id = $4, last_error = null
        where schedule = $1 and occurrence = $2 and claimed_by = $3`,
      [this.schedule, occurrence, this.instance, importId],
    );
  }

  /** The start failed: the claim is given up at once, so the next tick of any instance tries again. */
  async failed(occurrence: Date, reason: string): Promise<void> {
    await this.pool.query(
      `update customs_import_schedule_firing set claimed_at = '-infinity', last_error = $4
        where schedule = $1 and occurrence = $2 and claimed_by = $3 and started_at is null`,
      [this.schedule, occurrence, this.instance, reason.slice(0, 2000)],
    );
  }

  async isStarted(occurrence: Date): Promise<boolean> {
    const { rows } = await this.pool.query<{ started: boolean }>(
      'select started_at is not null as started from customs_import_schedule_firing where schedule = $1 and occurrence = $2',
      [this.schedule, occurrence],
    );
    return rows[0]?.started ?? false;
  }
}
