import { parseEnvelope, toEnvelope } from './event-envelope';
import { aStoredEvent } from '../../../../test/support/wire.fixtures';

describe('event envelope (unit)', () => {
  it('maps every field of the stored event explicitly, metadata flattened, time as ISO text', () => {
    expect(toEnvelope(aStoredEvent())).toEqual({
      envelopeVersion: 1,
      eventId: '0b8a2f5e-4a57-4d53-9c1e-8e1f2a3b4c5d',
      type: 'ExportStatisticRevised',
      schemaVersion: 1,
      streamId: 'statistic:CN-8518309000-2026-08',
      streamVersion: 3,
      position: '1042',
      occurredAt: '2026-09-01T08:30:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      actor: 'alice',
      data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '60000.00', weightKg: '600.000', previousValueUsd: '50463.00', previousWeightKg: '539.000' },
    });
  });

  it('does not carry the transaction id, which is the log\'s business, not the contract\'s', () => {
    expect(Object.keys(toEnvelope(aStoredEvent()))).not.toContain('transactionId');
  });

  it('round-trips through JSON', () => {
    const envelope = toEnvelope(aStoredEvent({ metadata: { correlationId: 'c', causationId: null, actor: 'a' } }));

    expect(parseEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual({ envelope });
  });

  it.each([
    ['an array', [], 'the body is not a JSON object'],
    ['another envelope version', { ...toEnvelope(aStoredEvent()), envelopeVersion: 2 }, 'envelopeVersion 2 is not 1'],
    ['no event id', { ...toEnvelope(aStoredEvent()), eventId: '' }, 'eventId is missing or not a string'],
    ['a fractional stream version', { ...toEnvelope(aStoredEvent()), streamVersion: 1.5 }, 'streamVersion is not an integer'],
    ['data that is not an object', { ...toEnvelope(aStoredEvent()), data: 'x' }, 'data is not an object'],
    ['a numeric causation id', { ...toEnvelope(aStoredEvent()), causationId: 7 }, 'causationId is not a string or null'],
  ])('names the problem of a body with %s', (_, body, problem) => {
    expect(parseEnvelope(body)).toEqual({ problem });
  });
});
