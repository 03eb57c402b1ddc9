import { anEnvelope } from '../../../../test/support/wire.fixtures';
import { notificationFromEvent } from './notification-from-event';

describe('notifications from events (unit)', () => {
  it('says which statistic went above the threshold, keyed by the event\'s place in its stream', () => {
    const event = anEnvelope({
      type: 'ExportThresholdExceeded',
      streamVersion: 2,
      data: { countryCode: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '2000000.00', thresholdUsd: '1000000' },
    });

    expect(notificationFromEvent(event)).toEqual({
      messageId: event.eventId,
      kind: 'export-threshold-exceeded',
      subject: 'Exports to CN of HS 8518309000 in 2026-08: USD 2000000.00, above USD 1000000',
      facts: { country: 'CN', hsCode: '8518309000', period: '2026-08', valueUsd: '2000000.00', thresholdUsd: '1000000' },
      occurredAt: new Date('2026-09-01T08:30:00.000Z'),
      dedupeKey: 'statistic:CN-8518309000-2026-08@2',
    });
  });

  it('tells a completed import with refused units from a clean one', () => {
    const completed = (refusedUnits: number) =>
      notificationFromEvent(
        anEnvelope({
          type: 'CustomsImportCompleted',
          streamId: 'customs-import:i1',
          streamVersion: 1,
          data: { importId: 'i1', firstMonth: '2026-07', lastMonth: '2026-07', hsPrefixes: null, units: 97, recorded: 5, revised: 0, retracted: 0, unchanged: 0, refusedUnits, deadLetteredUnits: 0 },
        }),
      );

    expect(completed(0)?.subject).toBe('Customs import of 2026-07 completed');
    expect(completed(2)?.subject).toBe('Customs import of 2026-07 completed with units refused or dead-lettered');
    expect(completed(0)?.facts).toMatchObject({ importId: 'i1', units: '97', recorded: '5', refusedUnits: '0' });
  });

  it('takes a NotificationRequested as it is, with its own dedupe key and time', () => {
    const event = anEnvelope({
      type: 'NotificationRequested',
      data: { kind: 'export-anomaly', subject: 'CN chapter 85 rose 300 %', facts: { ratio: '4.0' }, occurredAt: '2026-12-08T09:00:00.000Z', dedupeKey: 'anomaly:CN-85-2026-11' },
    });

    expect(notificationFromEvent(event)).toMatchObject({ kind: 'export-anomaly', facts: { ratio: '4.0' }, dedupeKey: 'anomaly:CN-85-2026-11', occurredAt: new Date('2026-12-08T09:00:00.000Z') });
  });

  it('maps data lacking its contract\'s fields, and types it does not know, to nothing', () => {
    expect(notificationFromEvent(anEnvelope({ type: 'ExportThresholdExceeded', data: { countryCode: 'CN' } }))).toBeNull();
    expect(notificationFromEvent(anEnvelope({ type: 'ExportStatisticRecorded' }))).toBeNull();
  });
});
