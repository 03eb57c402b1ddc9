import type { StoredEvent } from '../event-log/event-log.types';
import type { BrokerTopology } from '../messaging/broker-topology';
import { toEnvelope } from '../messaging/wire/event-envelope';
import { routeFor } from '../messaging/wire/event-routing';
import { isNotifiable } from '../messaging/wire/notifiable-events';
import { publishOptions } from '../messaging/wire/message-headers';
import type { OutgoingMessage } from './confirm-publisher';

/** A stored event as the relay sends it: its route, the wire envelope as body, the headers. */
export function outgoingMessage(event: StoredEvent, topology: BrokerTopology): OutgoingMessage {
  return outgoingMessages(event, topology)[0];
}

/**
 * Every message the relay sends for one stored event: the event on its route, and for a
 * notifiable type a copy to the notifications exchange (same body, same message id), published
 * right behind it in the same confirmed batch, so the checkpoint moves only once both are queued.
 */
export function outgoingMessages(event: StoredEvent, topology: BrokerTopology): OutgoingMessage[] {
  const envelope = toEnvelope(event);
  const content = Buffer.from(JSON.stringify(envelope));
  const options = { ...publishOptions(envelope, event.metadata.traceparent), messageId: envelope.eventId };
  const { exchange, routingKey } = routeFor(event.streamId, topology);
  const primary = { exchange, routingKey, content, options };
  if (!isNotifiable(event.type)) return [primary];
  return [primary, { exchange: topology.notificationsExchange, routingKey: event.type, content, options }];
}
