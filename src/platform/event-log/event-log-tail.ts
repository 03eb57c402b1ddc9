import { EVENT_LOG_ROW_COLUMNS, toStoredEvent, type EventLogRow } from './event-log.row';
import type { StoredEvent } from './event-log.types';
import type { LogCursor, Sql } from './log-cursor';

/**
 * The gap-safe read. A position is taken at insert but becomes visible at commit, so "position >
 * last" skips rows of transactions that commit late. Instead the relay reads only rows written by
 * transactions older than the oldest one still running (`pg_snapshot_xmin`): no such transaction
 * can still commit a row that sorts before what is returned. Order and cursor are the pair
 * (transaction id, position); nothing is ever skipped on a timer, so one long open transaction
 * holds the relay back until it ends (docs/delivery.md).
 *
 * The limit is taken in index order first and the xmin rule applied to that prefix: rows of
 * transactions at or past xmin sort after every older one, so what is left is still a gap-free
 * prefix. Written the other way round, PostgreSQL cannot estimate the xmin bound and may sort the
 * whole log on every read. Positions are selected as bigint (node-postgres hands int8 over as a
 * string): an output column cast to text would make ORDER BY sort it as text, and the cursor
 * would jump over unread rows. The relay and a rebuild's replay both read this way.
 */
const GAP_SAFE_READ_SQL = `
  select * from (
    select ${EVENT_LOG_ROW_COLUMNS}
    from event_log
    where (transaction_id, position) > ($1::xid8, $2::bigint)
      and ($4::text[] is null or stream_id = any($4::text[]))
    order by transaction_id, position
    limit $3) e
  where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by transaction_id, position`;

/** Up to `limit` events after `cursor`, gap-safe; `streamIds` narrows the read to those streams. */
export async function readAfter(client: Sql, cursor: LogCursor, limit: number, streamIds: readonly string[] | null = null): Promise<StoredEvent[]> {
  const { rows } = await client.query<EventLogRow>({
    name: 'log-read-after',
    text: GAP_SAFE_READ_SQL,
    values: [cursor.transactionId, cursor.position, limit, streamIds],
  });
  return rows.map(toStoredEvent);
}
