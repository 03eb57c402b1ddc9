import type { StoredEvent } from '../event-log/event-log.types';
import type { BrokerTopology } from '../messaging/broker-topology';
import { toEnvelope } from '../messaging/wire/event-envelope';
import { routeFor } from '../messaging/wire/event-routing';
import { publishOptions } from '../messaging/wire/message-headers';
import type { OutgoingMessage } from './confirm-publisher';

/** A stored event as the relay sends it: its route, the wire envelope as body, the headers. */
export function outgoingMessage(event: StoredEvent, topology: BrokerTopology): OutgoingMessage {
  const envelope = toEnvelope(event);
  const { exchange, routingKey } = routeFor(event.streamId, topology);
  return {
    exchange,
    routingKey,
    content: Buffer.from(JSON.stringify(envelope)),
    options: { ...publishOptions(envelope, event.metadata.traceparent), messageId: envelope.eventId },
  };
}
