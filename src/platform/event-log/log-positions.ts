import type { LogCursor, Sql } from './log-cursor';

/**
 * Where things are in the log, for readers that do not read the events themselves: a mutation's
 * position turned into its cursor (freshness) and how far a reader (the relay) trails the log. The events themselves are read by the gap-safe tail.
 */

/** The cursor of the event at `position`, or null when the log has no such event. */
export async function cursorAt(db: Sql, position: string): Promise<LogCursor | null> {
  const { rows } = await db.query<LogCursor>({
    name: 'log-cursor-at',
    text: `select transaction_id::text as "transactionId", position::text as "position" from event_log where position = $1::bigint`,
    values: [position],
  });
  return rows[0] ?? null;
}

export interface Backlog {
  /** Events after the cursor, counted up to 100,000. */
  readonly events: number;
  /** Age of the oldest of them; 0 when there are none. */
  readonly seconds: number;
}

/** What a reader at `cursor` has still to read (committed or not yet readable alike). */
export async function backlogAfter(db: Sql, cursor: LogCursor): Promise<Backlog> {
  const { rows } = await db.query<Backlog>({
    name: 'log-backlog-after',
    text: `select (select count(*) from (select from event_log
                     where (transaction_id, position) > ($1::xid8, $2::bigint) limit 100000) pending)::int as events,
                  coalesce((select extract(epoch from now() - occurred_at) from event_log
                     where (transaction_id, position) > ($1::xid8, $2::bigint)
                     order by transaction_id, position limit 1), 0)::float8 as seconds`,
    values: [cursor.transactionId, cursor.position],
  });
  return rows[0];
}

/**
 * The position of the last event (in relay order: transaction id, then position) written under a
 * correlation id, or null when it wrote none. Served by event_log_correlation_idx.
 */
export async function lastPositionOf(db: Sql, correlationId: string): Promise<string | null> {
  const { rows } = await db.query<{ position: string }>({
    name: 'log-last-position-of-correlation',
    text: `select position::text as position from event_log where metadata->>'correlationId' = $1
           order by transaction_id desc, position desc limit 1`,
    values: [correlationId],
  });
  return rows[0]?.position ?? null;
}
