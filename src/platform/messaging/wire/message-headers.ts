import type { Options } from 'amqplib';
import type { EventEnvelope } from './event-envelope';

/**
 * AMQP properties and headers of an event message. They repeat the envelope's identifying fields
 * so that brokers, tracing and the parking store can read them without parsing the body, and so a
 * message whose body is unreadable can still be parked under its key.
 */
export const HEADER = {
  messageId: 'message-id',
  type: 'event-type',
  schemaVersion: 'schema-version',
  envelopeVersion: 'envelope-version',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
  position: 'position',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  occurredAt: 'occurred-at',
  /** The W3C trace context of the write, when it was traced (EventMetadata.traceparent). */
  traceparent: 'traceparent',
  /**
   * `true` on a message that re-sends history (a republish of the log, a replay tool): consumers
   * with side effects (notifications) record it and send nothing. No path sets it today: a rebuild
   * reads the log without the broker, and a parked-key replay calls the projections' handlers only.
   */
  replay: 'replay',
} as const;

/** Set by quorum queues on redelivery: how often the broker has handed this message out before. */
const DELIVERY_COUNT_HEADER = 'x-delivery-count';

export type HeaderValue = string | number | boolean | null;

export function publishOptions(envelope: EventEnvelope, traceparent?: string): Options.Publish {
  const headers: Record<string, string | number> = {
    [HEADER.messageId]: envelope.eventId,
    [HEADER.type]: envelope.type,
    [HEADER.schemaVersion]: envelope.schemaVersion,
    [HEADER.envelopeVersion]: envelope.envelopeVersion,
    [HEADER.streamId]: envelope.streamId,
    [HEADER.streamVersion]: envelope.streamVersion,
    [HEADER.position]: envelope.position,
    [HEADER.correlationId]: envelope.correlationId,
    [HEADER.occurredAt]: envelope.occurredAt,
  };
  // An absent causation is an absent header, not an empty string that would read as an id.
  if (envelope.causationId !== null) headers[HEADER.causationId] = envelope.causationId;
  if (traceparent) headers[HEADER.traceparent] = traceparent;
  return {
    messageId: envelope.eventId,
    type: envelope.type,
    correlationId: envelope.correlationId,
    timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    persistent: true,
    // Unroutable messages come back (basic.return) instead of being confirmed and dropped.
    mandatory: true,
    headers,
  };
}

/** Header values as JSON-safe scalars; anything else (tables, buffers, dates) becomes text. */
export function plainHeaders(headers: Readonly<Record<string, unknown>> | undefined): Record<string, HeaderValue> {
  const plain: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === null || value === undefined) plain[name] = null;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') plain[name] = value;
    else if (Buffer.isBuffer(value)) plain[name] = value.toString('utf8');
    else if (typeof value === 'bigint') plain[name] = value.toString();
    else plain[name] = JSON.stringify(value) ?? String(value);
  }
  return plain;
}

export function textHeader(headers: Readonly<Record<string, HeaderValue>>, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function deliveryCount(headers: Readonly<Record<string, HeaderValue>>): number {
  const value = Number(headers[DELIVERY_COUNT_HEADER] ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
