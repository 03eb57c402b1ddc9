import type { StoredEvent } from '../../../platform/event-log/event-log.types';

/**
 * What a projector needs of an event, whether it comes from the broker (a wire envelope, which
 * does not carry the transaction id) or from a replay of the log (a stored event).
 */
export type ProjectableEvent = Pick<StoredEvent, 'position' | 'streamId' | 'streamVersion' | 'type' | 'schemaVersion' | 'data' | 'occurredAt'>;

/** The wire envelope's fields the read model uses (see platform/messaging/wire/event-envelope.ts). */
export interface EnvelopeFields {
  readonly position: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly occurredAt: string;
}

export function fromEnvelope(envelope: EnvelopeFields): ProjectableEvent {
  const { position, streamId, streamVersion, type, schemaVersion, data, occurredAt } = envelope;
  return { position, streamId, streamVersion, type, schemaVersion, data, occurredAt: new Date(occurredAt) };
}
