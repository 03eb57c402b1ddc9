import type { SqlPool as Pool } from '../database/pg-pool';
import type { StoredEvent } from './event-log.types';
import type { LogCursor } from './log-cursor';
import { readAfter as readLogAfter } from './event-log-tail';

/** Which part of the log a replay reads: all of it, or (tests) some streams only. */
export interface ReplayFilter {
  readonly streamIds?: readonly string[];
}


/**
 * Reads the log for a rebuild with the relay's gap-safe rule (docs/delivery.md): only rows of
 * transactions older than the oldest one still running, in (transaction id, position) order, so
 * a replay that reaches "the end" has seen every row that can still sort before it.
 */
export class EventLogReplay {
  constructor(private readonly pool: Pool) {}

  readAfter(cursor: LogCursor, limit: number, filter: ReplayFilter = {}): Promise<StoredEvent[]> {
    return readLogAfter(this.pool, cursor, limit, filter.streamIds ?? null);
  }

  /**
   * The cursor of the last event committed so far (in relay order), or null for an empty log. A
   * replay must reach it before it may stop: reading until a read comes back empty is not enough,
   * since a transaction still open anywhere in the cluster holds back `pg_snapshot_xmin`, and the
   * rows after it stay unreadable until it ends.
   */
  async head(filter: ReplayFilter = {}): Promise<LogCursor | null> {
    const { rows } = await this.pool.query<LogCursor>(
      `select transaction_id::text as "transactionId", position from event_log
       where ($1::text[] is null or stream_id = any($1::text[]))
       order by transaction_id desc, position desc limit 1`,
      [filter.streamIds ?? null],
    );
    return rows[0] ?? null;
  }

  /** True while committed events between `after` and `upTo` exist that a gap-safe read cannot return yet. */
  async heldBack(after: LogCursor, upTo: LogCursor, filter: ReplayFilter = {}): Promise<boolean> {
    const { rows } = await this.pool.query<{ held: boolean }>(
      `select exists (
         select from event_log
         where (transaction_id, position) > ($1::xid8, $2::bigint) and (transaction_id, position) <= ($3::xid8, $4::bigint)
           and ($5::text[] is null or stream_id = any($5::text[]))) as held`,
      [after.transactionId, after.position, upTo.transactionId, upTo.position, filter.streamIds ?? null],
    );
    return rows[0].held;
  }

  /** How many events a full replay will read (for progress; rows appended meanwhile come on top). */
  async count(filter: ReplayFilter = {}): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      `select count(*)::text as count from event_log where ($1::text[] is null or stream_id = any($1::text[]))`,
      [filter.streamIds ?? null],
    );
    return Number(rows[0].count);
  }
}
