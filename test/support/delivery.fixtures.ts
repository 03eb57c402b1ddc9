import type { EventEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { publishOptions } from '../../src/platform/messaging/wire/message-headers';
import { anEnvelope } from './wire.fixtures';
import { decodeDelivery, type Delivery, type RawDelivery } from '../../src/platform/delivery/decode-delivery';

/** A message as the relay would have sent it, received from a shard queue. */
export function aRawDelivery(envelope: EventEnvelope = anEnvelope(), overrides: Partial<RawDelivery> = {}): RawDelivery {
  const options = publishOptions(envelope);
  return {
    content: Buffer.from(JSON.stringify(envelope)),
    headers: { ...(options.headers as Record<string, string | number>) },
    messageId: envelope.eventId,
    exchange: 'exportstats.statistics',
    routingKey: envelope.streamId.replace(/^statistic:/, ''),
    queue: 'exportstats.statistics.shard-1',
    deliveryCount: 0,
    redelivered: false,
    ...overrides,
  };
}

/** The n-th event of a stream, decoded as a consumer would see it. */
export function aDelivery(streamId: string, streamVersion: number): Delivery {
  const envelope = anEnvelope({ streamId, streamVersion, eventId: `${streamId}#${streamVersion}` });
  const decoded = decodeDelivery(aRawDelivery(envelope), 10);
  if (decoded.kind !== 'event') throw new Error(`fixture is poison: ${decoded.problem}`);
  return decoded;
}
