import type { EventEnvelope } from '../../messaging/wire/event-envelope';
import type { Decoded } from '../decode-delivery';

/** The envelope of a parked message when it had a readable one, for listing and replay. */
export function envelopeOf(decoded: Decoded): EventEnvelope | null {
  if (decoded.kind === 'poison') return decoded.envelope;
  const { event } = decoded;
  return {
    envelopeVersion: event.envelopeVersion,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    position: event.position,
    occurredAt: event.occurredAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
    actor: event.actor,
    data: event.data,
  };
}
