import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { EventMetadata } from './event-log.types';

/** The event log as MikroORM reads it; writes go through AggregateStore (one statement per change). */
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
    position: { type: new BigIntType('string'), primary: true },
    transactionId: { type: 'string', columnType: 'xid8', fieldName: 'transaction_id' },
    eventId: { type: 'uuid', fieldName: 'event_id' },
    streamId: { type: 'string', fieldName: 'stream_id' },
    streamVersion: { type: 'integer', fieldName: 'stream_version' },
    type: { type: 'string' },
    schemaVersion: { type: 'smallint', fieldName: 'schema_version' },
    data: { type: 'json' },
    metadata: { type: 'json' },
    occurredAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'occurred_at' },
  },
});
