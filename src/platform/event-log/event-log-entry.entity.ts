import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EventMetadata } from './event-log.types';

/**
 * The event log as MikroORM knows it: the one description of its table and columns. Reads go
 * through the entity manager; writes go through AggregateStore, whose statements take the column
 * names from this schema (one statement per change, ADR 0002), so MikroORM never inserts here.
 */
export class EventLogEntry {
  position!: string;
  transactionId!: string;
  eventId!: string;
  streamId!: string;
  streamVersion!: number;
  type!: string;
  schemaVersion!: number;
  data!: Record<string, unknown>;
  metadata!: EventMetadata;
  occurredAt!: Date;
}

export const EventLogEntrySchema = new EntitySchema<EventLogEntry>({
  class: EventLogEntry,
  tableName: 'event_log',
  readonly: true,
  properties: {
    // Positions outgrow 2^53 in principle; they travel as decimal strings.
    position: { type: new BigIntType('string'), primary: true, autoincrement: true, generated: 'identity' },
    // The writing transaction, for the relay's gap-safe reads (ADR 0003).
    transactionId: { type: 'string', columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' },
    eventId: { type: 'uuid' },
    streamId: { type: 'text' },
    streamVersion: { type: 'integer' },
    type: { type: 'text' },
    schemaVersion: { type: 'smallint' },
    data: { type: 'json' },
    metadata: { type: 'json' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [
    { name: 'event_log_event_id_key', properties: ['eventId'] },
    // The database's own optimistic-concurrency check.
    { name: 'event_log_stream_version_key', properties: ['streamId', 'streamVersion'] },
  ],
  indexes: [
    { name: 'event_log_transaction_position_idx', properties: ['transactionId', 'position'] },
    // A correlation's last event in relay order (an import's, for its `visible`).
    {
      name: 'event_log_correlation_idx',
      expression: `create index "event_log_correlation_idx" on "event_log" ((metadata->>'correlationId'), transaction_id, position)`,
    },
  ],
  checks: [
    { name: 'event_log_stream_version_check', expression: 'stream_version > 0' },
    { name: 'event_log_schema_version_check', expression: 'schema_version > 0' },
  ],
});
