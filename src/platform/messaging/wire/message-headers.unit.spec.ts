import { deliveryCount, plainHeaders, publishOptions } from './message-headers';
import { anEnvelope } from '../../../../test/support/wire.fixtures';

describe('message headers (unit)', () => {
  it('carries the identifying fields as headers and AMQP properties; the message id is the event id', () => {
    expect(publishOptions(anEnvelope())).toEqual({
      messageId: '0b8a2f5e-4a57-4d53-9c1e-8e1f2a3b4c5d',
      type: 'ExportStatisticRevised',
      correlationId: 'corr-1',
      timestamp: Date.parse('2026-09-01T08:30:00Z') / 1000,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      persistent: true,
      mandatory: true,
      headers: {
        'message-id': '0b8a2f5e-4a57-4d53-9c1e-8e1f2a3b4c5d',
        'event-type': 'ExportStatisticRevised',
        'schema-version': 1,
        'envelope-version': 1,
        'stream-id': 'statistic:CN-8518309000-2026-08',
        'stream-version': 3,
        position: '1042',
        'correlation-id': 'corr-1',
        'causation-id': 'cmd-1',
        'occurred-at': '2026-09-01T08:30:00.000Z',
      },
    });
  });

  it('leaves the causation header out when there is no causation', () => {
    const { headers } = publishOptions(anEnvelope({ metadata: { correlationId: 'c', causationId: null, actor: 'a' } }));

    expect(headers).not.toHaveProperty('causation-id');
  });

  it('carries the trace context of the write as the traceparent header when it was traced, and nothing otherwise', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

    expect(publishOptions(anEnvelope(), traceparent).headers).toEqual(expect.objectContaining({ traceparent }));
    expect(publishOptions(anEnvelope()).headers).not.toHaveProperty('traceparent');
  });

  it('turns received header values into JSON-safe scalars', () => {
    expect(plainHeaders({ a: 'x', b: 2, c: Buffer.from('bytes'), d: undefined, e: { nested: true }, f: 10n })).toEqual({
      a: 'x',
      b: 2,
      c: 'bytes',
      d: null,
      e: '{"nested":true}',
      f: '10',
    });
  });

  it.each([
    [{}, 0],
    [{ 'x-delivery-count': 3 }, 3],
    [{ 'x-delivery-count': 'junk' }, 0],
  ])('reads the quorum delivery count from %j as %i', (headers, expected) => {
    expect(deliveryCount(headers)).toBe(expected);
  });
});
