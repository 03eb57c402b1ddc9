import type { StoredEvent } from '../../src/platform/event-log/event-log.types';
import { toEnvelope, type EventEnvelope } from '../../src/platform/messaging/wire/event-envelope';

/** A stored statistic event; tests override what they look at. */
export function aStoredEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    position: '1042',
    transactionId: '77001',
    eventId: '0b8a2f5e-4a57-4d53-9c1e-8e1f2a3b4c5d',
    streamId: 'statistic:CN-8518309000-2026-08',
    streamVersion: 3,
    type: 'ExportStatisticRevised',
    schemaVersion: 1,
    data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '60000.00', weightKg: '600.000', previousValueUsd: '50463.00', previousWeightKg: '539.000' },
    metadata: { correlationId: 'corr-1', causationId: 'cmd-1', actor: 'alice' },
    occurredAt: new Date('2026-09-01T08:30:00.000Z'),
    ...overrides,
  };
}

export function anEnvelope(overrides: Partial<StoredEvent> = {}): EventEnvelope {
  return toEnvelope(aStoredEvent(overrides));
}
