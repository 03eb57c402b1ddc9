import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PG_POOL, type SqlPool, type SqlPoolClient } from '../../../platform/database/pg-pool';

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const SLOT_POLL_MS = 50;

/**
 * What every call to the customs service passes, across all instances (ADR 0004): the day's quota
 * (a counter per quota day, taken before the call), a concurrency slot (a session advisory lock,
 * which PostgreSQL releases if the holder dies) and a place in the shared call schedule (the next
 * free call time, advanced by 1 / CUSTOMS_CALLS_PER_SECOND in database time).
 */
@Injectable()
export class CustomsCallGate {
  private readonly scope: string;

  constructor(
    @Inject(PG_POOL) private readonly pool: SqlPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.scope = config.BROKER_PREFIX;
  }

  /** Counts one call against the quota day containing `now`; false when the day's calls are used up. */
  async takeQuota(now: Date): Promise<boolean> {
    const { rows } = await this.pool.query(
      `insert into customs_quota_day (scope, day, calls) values ($1, $2, 1)
       on conflict (scope, day) do update set calls = customs_quota_day.calls + 1 where customs_quota_day.calls < $3
       returning calls`,
      [this.scope, this.quotaDay(now), this.config.CUSTOMS_DAILY_QUOTA],
    );
    return rows.length === 1;
  }

  async quotaUsed(now: Date): Promise<number> {
    const { rows } = await this.pool.query<{ calls: number }>('select calls from customs_quota_day where scope = $1 and day = $2', [this.scope, this.quotaDay(now)]);
    return rows[0]?.calls ?? 0;
  }

  /** The portal's day: in Korea time, starting at the reset hour. */
  quotaDay(now: Date): string {
    return new Date(now.getTime() + KST_OFFSET_MS - this.config.CUSTOMS_QUOTA_RESET_HOUR * 3_600_000).toISOString().slice(0, 10);
  }

  /** Runs `call` holding a concurrency slot, at its place in the schedule. */
  async throttled<T>(call: () => Promise<T>): Promise<T> {
    const client = await this.slot();
    try {
      await this.waitForTurn();
      return await call();
    } finally {
      await client.query('select pg_advisory_unlock_all()').then(
        () => client.release(),
        (error: unknown) => client.release(error instanceof Error ? error : true),
      );
    }
  }

  private async slot(): Promise<SqlPoolClient> {
    for (;;) {
      const client = await this.pool.connect();
      for (let slot = 0; slot < this.config.CUSTOMS_CONCURRENCY; slot += 1) {
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1), $2) as locked', [`customs-call:${this.scope}`, slot]);
        if (rows[0].locked) return client;
      }
      client.release();
      await sleep(SLOT_POLL_MS);
    }
  }

  private async waitForTurn(): Promise<void> {
    const spacingMs = 1000 / this.config.CUSTOMS_CALLS_PER_SECOND;
    const { rows } = await this.pool.query<{ wait_ms: number }>(
      `insert into customs_rate (scope, next_at) values ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
       on conflict (scope) do update set next_at = greatest(customs_rate.next_at, clock_timestamp()) + make_interval(secs => $2 / 1000.0)
       returning greatest(0, extract(epoch from (next_at - clock_timestamp())) * 1000 - $2)::float8 as wait_ms`,
      [this.scope, spacingMs],
    );
    const waitMs = rows[0].wait_ms;
    if (waitMs > 0) await sleep(waitMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
