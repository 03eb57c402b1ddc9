import type { EventMetadata, StoredEvent } from './event-log.types';

/** An event_log row as node-postgres returns it (int8 and xid8 arrive as strings). */
export interface EventLogRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date;
}

/** The columns both log readers select, in the order EventLogRow names them. */
export const EVENT_LOG_ROW_COLUMNS =
  'position, transaction_id, event_id::text, stream_id, stream_version, type, schema_version, data, metadata, occurred_at';

export function toStoredEvent(row: EventLogRow): StoredEvent {
  return {
    position: String(row.position),
    transactionId: String(row.transaction_id),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  };
}
