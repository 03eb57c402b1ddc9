import { toStoredEvent, type EventLogRow } from '../event-log/event-log.row';
import type { StoredEvent } from '../event-log/event-log.types';
import type { LogCursor } from './relay-checkpoint';
import type { Sql } from './relay-lease';


/**
 * The gap-safe read. A position is taken at insert but becomes visible at commit, so "position >
 * last" skips rows of transactions that commit late. Instead the relay reads only rows written by
 * transactions older than the oldest one still running (`pg_snapshot_xmin`): no such transaction
 * can still commit a row that sorts before what is returned. Order and cursor are the pair
 * (transaction id, position); nothing is ever skipped on a timer, so one long open transaction
 * holds the relay back until it ends (docs/delivery.md).
 */
const READ_AFTER_SQL = `
  select position::text, transaction_id::text, event_id::text, stream_id, stream_version, type,
         schema_version, data, metadata, occurred_at
  from event_log
  where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    and (transaction_id, position) > ($1::xid8, $2::bigint)
  order by event_log.transaction_id, event_log.position
  limit $3`;
// The ORDER BY names the table's columns: unqualified, it would sort by the text columns of the
// select list ('1000000' < '999999'), and the cursor would jump over unread rows.

export async function readAfter(client: Sql, cursor: LogCursor, limit: number): Promise<StoredEvent[]> {
  const { rows } = await client.query<EventLogRow>({
    name: 'relay-read-after',
    text: READ_AFTER_SQL,
    values: [cursor.transactionId, cursor.position, limit],
  });
  return rows.map(toStoredEvent);
}

export function cursorOf(event: Pick<StoredEvent, 'transactionId' | 'position'>): LogCursor {
  return { transactionId: event.transactionId, position: event.position };
}
