import { randomUUID } from 'node:crypto';
import type { LogCursor } from '../../event-log/log-cursor';
import { ENVELOPE_VERSION, type EventEnvelope } from './event-envelope';

/** The message type of a watermark; listed in the wire contract so consumers accept it. */
export const PROJECTION_WATERMARK = 'ProjectionWatermark';

/** A watermark's data: the relay checkpoint it stands behind. */
export type WatermarkData = LogCursor;

export function watermarkEnvelope(queue: string, cursor: LogCursor): EventEnvelope {
  return {
    envelopeVersion: ENVELOPE_VERSION,
    eventId: randomUUID(),
    type: PROJECTION_WATERMARK,
    schemaVersion: 1,
    // One key per queue: watermarks never share a parking key with events.
    streamId: `watermark:${queue}`,
    streamVersion: 1,
    position: cursor.position,
    occurredAt: new Date().toISOString(),
    correlationId: 'watermark',
    causationId: null,
    actor: 'read-model',
    data: { transactionId: cursor.transactionId, position: cursor.position } satisfies WatermarkData,
  };
}

/** The cursor a watermark's data carries, or null when the data lacks its shape. */
export function watermarkCursor(data: unknown): LogCursor | null {
  if (typeof data !== 'object' || data === null) return null;
  const { transactionId, position } = data as Record<string, unknown>;
  const decimal = (value: unknown): value is string => typeof value === 'string' && /^\d{1,20}$/.test(value);
  return decimal(transactionId) && decimal(position) ? { transactionId, position } : null;
}
