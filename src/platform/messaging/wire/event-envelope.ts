import type { StoredEvent } from '../../event-log/event-log.types';

/**
 * The wire contract: what a consumer receives as the message body. It is mapped field by field
 * from the stored event (never a serialized domain object), so the log's columns and the domain's
 * classes can change without changing the contract. `data` is the event's payload exactly as the
 * log stores it; its shape is fixed by (type, schemaVersion), listed in wire-contract.ts.
 * A change to the envelope itself is a new `envelopeVersion`.
 */
export const ENVELOPE_VERSION = 1;

export interface EventEnvelope {
  readonly envelopeVersion: typeof ENVELOPE_VERSION;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Global log position, a decimal string; unique, but not monotonic in delivery order. */
  readonly position: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function toEnvelope(event: StoredEvent): EventEnvelope {
  return {
    envelopeVersion: ENVELOPE_VERSION,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    position: event.position,
    occurredAt: event.occurredAt.toISOString(),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    actor: event.metadata.actor,
    data: isRecord(event.data) ? event.data : {},
  };
}

/** Checks a received body field by field; a message that fails this is poison, with the reason. */
export function parseEnvelope(body: unknown): { envelope: EventEnvelope } | { problem: string } {
  if (!isRecord(body)) return { problem: 'the body is not a JSON object' };
  if (body.envelopeVersion !== ENVELOPE_VERSION) {
    return { problem: `envelopeVersion ${JSON.stringify(body.envelopeVersion)} is not ${ENVELOPE_VERSION}` };
  }
  const strings = ['eventId', 'type', 'streamId', 'position', 'occurredAt', 'correlationId', 'actor'] as const;
  const missing = strings.find((field) => typeof body[field] !== 'string' || body[field] === '');
  if (missing) return { problem: `${missing} is missing or not a string` };
  if (!Number.isInteger(body.schemaVersion)) return { problem: 'schemaVersion is not an integer' };
  if (!Number.isInteger(body.streamVersion)) return { problem: 'streamVersion is not an integer' };
  if (body.causationId !== null && typeof body.causationId !== 'string') return { problem: 'causationId is not a string or null' };
  if (!isRecord(body.data)) return { problem: 'data is not an object' };
  return {
    envelope: {
      envelopeVersion: ENVELOPE_VERSION,
      eventId: String(body.eventId),
      type: String(body.type),
      schemaVersion: Number(body.schemaVersion),
      streamId: String(body.streamId),
      streamVersion: Number(body.streamVersion),
      position: String(body.position),
      occurredAt: String(body.occurredAt),
      correlationId: String(body.correlationId),
      causationId: body.causationId === null ? null : String(body.causationId),
      actor: String(body.actor),
      data: body.data,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
