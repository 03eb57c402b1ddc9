import { anEnvelope } from '../../../test/support/wire.fixtures';
import { decodeDelivery } from './decode-delivery';
import { aRawDelivery } from '../../../test/support/delivery.fixtures';

describe('decoding a delivery (unit)', () => {
  it('turns a well-formed message into a delivered event keyed by its stream id', () => {
    const decoded = decodeDelivery(aRawDelivery(anEnvelope(), { deliveryCount: 2, redelivered: true }), 10);

    expect(decoded).toMatchObject({
      kind: 'event',
      event: { ...anEnvelope(), key: 'statistic:CN-8518309000-2026-08', queue: 'exportstats.statistics.shard-1', deliveryCount: 2, redelivered: true, replay: false },
    });
  });

  it('parks an unparseable body under the stream id its headers name', () => {
    const decoded = decodeDelivery(aRawDelivery(anEnvelope(), { content: Buffer.from('{not json') }), 10);

    expect(decoded).toMatchObject({ kind: 'poison', reason: 'UNPARSEABLE', key: 'statistic:CN-8518309000-2026-08' });
    expect(decoded.kind === 'poison' && decoded.problem).toMatch(/^the body is not JSON/);
  });

  it('parks a body without usable headers or message id under a key of its own', () => {
    const decoded = decodeDelivery(aRawDelivery(anEnvelope(), { content: Buffer.from('x'), headers: {}, messageId: null }), 10);

    expect(decoded).toMatchObject({ kind: 'poison', reason: 'UNPARSEABLE', messageId: expect.stringMatching(/^sha256:/) });
    expect(decoded.kind === 'poison' && decoded.key).toBe(`unkeyed:${decoded.kind === 'poison' && decoded.messageId}`);
  });

  it('parks JSON that is not an envelope, naming the missing field', () => {
    const decoded = decodeDelivery(aRawDelivery(anEnvelope(), { content: Buffer.from('{"envelopeVersion":1}') }), 10);

    expect(decoded).toMatchObject({ kind: 'poison', reason: 'UNPARSEABLE', problem: 'the body is not an event envelope: eventId is missing or not a string' });
  });

  it.each([
    ['an unknown type', { type: 'ExportStatisticTeleported' }, 'UNKNOWN_TYPE', 'unknown event type ExportStatisticTeleported'],
    ['an unsupported schema version', { schemaVersion: 9 }, 'UNSUPPORTED_SCHEMA_VERSION', 'ExportStatisticRevised schema version 9 is not supported'],
  ])('parks %s with its reason', (_, override, reason, problem) => {
    const decoded = decodeDelivery(aRawDelivery(anEnvelope(override)), 10);

    expect(decoded).toMatchObject({ kind: 'poison', reason, problem, key: 'statistic:CN-8518309000-2026-08' });
  });

  it('parks a message the broker handed out as often as the delivery limit allows, instead of processing it again', () => {
    expect(decodeDelivery(aRawDelivery(anEnvelope(), { deliveryCount: 10 }), 10)).toMatchObject({ kind: 'poison', reason: 'DELIVERY_LIMIT' });
    expect(decodeDelivery(aRawDelivery(anEnvelope(), { deliveryCount: 9 }), 10)).toMatchObject({ kind: 'event' });
  });
});
