import { brokerTopology } from '../messaging/broker-topology';
import { aStoredEvent } from '../../../test/support/wire.fixtures';
import { toEnvelope } from '../messaging/wire/event-envelope';
import { outgoingMessage } from './outgoing-message';

describe('outgoing message (unit)', () => {
  it('is the routed envelope with its headers; the message id is the event id', () => {
    const event = aStoredEvent();

    const message = outgoingMessage(event, brokerTopology('p', 4, 10));

    expect(message.exchange).toBe('p.statistics');
    expect(message.routingKey).toBe('CN-8518309000-2026-08');
    expect(JSON.parse(message.content.toString())).toEqual(toEnvelope(event));
    expect(message.options.messageId).toBe(event.eventId);
    expect(message.options.headers).toMatchObject({ 'message-id': event.eventId, position: '1042', 'stream-version': 3 });
  });
});
