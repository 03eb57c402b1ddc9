import { brokerTopology } from '../messaging/broker-topology';
import { aStoredEvent } from '../../../test/support/wire.fixtures';
import { toEnvelope } from '../messaging/wire/event-envelope';
import { outgoingMessage, outgoingMessages } from './outgoing-message';

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

  it('sends a notifiable event on its route and, right behind it, a copy to the notifications exchange keyed by its type', () => {
    const event = aStoredEvent({ type: 'ExportThresholdExceeded', data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '2000000.00', thresholdUsd: '1000000' } });

    const [primary, copy, ...rest] = outgoingMessages(event, brokerTopology('p', 4, 10));

    expect(rest).toEqual([]);
    expect([primary.exchange, primary.routingKey]).toEqual(['p.statistics', 'CN-8518309000-2026-08']);
    expect([copy.exchange, copy.routingKey]).toEqual(['p.notifiable', 'ExportThresholdExceeded']);
    expect(copy.content.equals(primary.content)).toBe(true);
    expect(copy.options.messageId).toBe(event.eventId);
  });

  it('sends any other event once', () => {
    expect(outgoingMessages(aStoredEvent(), brokerTopology('p', 4, 10))).toHaveLength(1);
  });
});
