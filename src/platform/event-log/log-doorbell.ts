import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PG_POOL, type SqlPool } from '../database/pg-pool';

export const EVENT_LOG_CHANNEL = 'event_log';

/**
 * While writes keep coming, one NOTIFY per this many milliseconds at most. Each NOTIFY is a
 * transaction of its own; sent back to back they took about 8 % of the single-command throughput
 * (5,786/s against 6,348/s, 8 callers), and the relay, woken 2 ms later, does not notice.
 */
const MIN_RING_INTERVAL_MS = 2;

/**
 * Tells the relay that the log has new rows, after they committed. A NOTIFY inside the writing
 * transaction would take PostgreSQL's global notify lock at every commit, which halved write
 * throughput when measured (ADR 0002); ringing after commit keeps writers off that lock, and
 * ringing is coalesced: at most one NOTIFY in flight per instance, plus one more, a moment later,
 * if writes happened meanwhile. A lone write rings at once. Writers that never ring (another tool,
 * a crash between commit and ring) are caught by the relay's polling fallback.
 */
@Injectable()
export class LogDoorbell {
  private inFlight: Promise<void> | null = null;
  private rungAgain = false;

  constructor(@Inject(PG_POOL) private readonly pool: SqlPool) {}

  ring(): void {
    if (this.inFlight) {
      this.rungAgain = true;
      return;
    }
    this.inFlight = this.notify().finally(() => {
      this.inFlight = null;
    });
  }

  /** Lets a shutting-down instance finish its last ring. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  private async notify(): Promise<void> {
    do {
      this.rungAgain = false;
      // A lost ring only delays the relay until its next poll; it must never fail a write.
      await this.pool.query(`select pg_notify('${EVENT_LOG_CHANNEL}', '')`).catch(() => undefined);
      if (this.rungAgain) await sleep(MIN_RING_INTERVAL_MS);
    } while (this.rungAgain);
  }
}
