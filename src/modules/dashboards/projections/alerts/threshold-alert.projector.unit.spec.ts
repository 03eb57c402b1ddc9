import { statisticEvents as s } from '../../../../../test/support/read-model-events';
import type { ProjectableEvent } from '../projectable-event';
import { noticeOf, type AlertDocument } from './alert-document';
import { evolveThresholdAlert } from './threshold-alert.projector';
import { AlertingStatistics } from './threshold-alert-writer';

const KEY: [string, string, string] = ['CN', '8518309000', '2026-08'];
const at = (day: number) => new Date(Date.UTC(2026, 8, day));

function fold(current: AlertDocument | null, ...events: ProjectableEvent[]): AlertDocument | null {
  return events.reduce<AlertDocument | null>((alert, event) => evolveThresholdAlert(alert, event) ?? alert, current);
}

describe('threshold alerts', () => {
  const raised = fold(null, s.recorded(KEY, 1, '1500000.00', '1.000', at(1)), s.thresholdExceeded(KEY, 2, '1500000.00', at(1)))!;

  it('given a statistic recorded over the threshold, when its threshold event is projected, then one open alert with the event\'s figures and time', () => {
    expect(raised).toEqual({
      kind: 'threshold',
      type: 'ExportThresholdExceeded',
      status: 'open',
      scope: 'CN-8518309000',
      countryCode: 'CN',
      hsCode: '8518309000',
      chapterCode: '85',
      period: '2026-08',
      year: 2026,
      month: 8,
      valueUsd: '1500000.00',
      valueUsdCents: 150_000_000,
      thresholdUsd: '1000000.00',
      yearAgoUsd: null,
      trailingMeanUsd: null,
      streamVersion: 2,
      openedAt: at(1).toISOString(),
      updatedAt: at(1).toISOString(),
      closedAt: null,
    });
  });

  it('given an open alert, when revised higher (its threshold event follows), then it is updated and stays opened when it was', () => {
    const higher = fold(raised, s.revised(KEY, 3, '3000000.00', '1.000', undefined, at(5)), s.thresholdExceeded(KEY, 4, '3000000.00', at(5)))!;
    expect(higher).toMatchObject({ status: 'open', valueUsd: '3000000.00', streamVersion: 4, openedAt: at(1).toISOString(), updatedAt: at(5).toISOString() });
    expect(noticeOf('a', raised, higher)?.type).toBe('AlertUpdated');
  });

  it('given an open alert, when revised to the threshold or under it, then it is closed at the revision\'s time', () => {
    const closed = fold(raised, s.revised(KEY, 3, '1000000.00', '1.000', undefined, at(9)))!;
    expect(closed).toMatchObject({ status: 'closed', valueUsd: '1000000.00', valueUsdCents: 100_000_000, streamVersion: 3, closedAt: at(9).toISOString() });
    expect(noticeOf('a', raised, closed)?.type).toBe('AlertClosed');
  });

  it('given an open alert, when the statistic is retracted, then it is closed; recorded again over the threshold, it opens anew', () => {
    const retracted = fold(raised, s.retracted(KEY, 3, 'entered twice', at(10)))!;
    const again = fold(retracted, s.recorded(KEY, 4, '2000000.00', '1.000', at(12)), s.thresholdExceeded(KEY, 5, '2000000.00', at(12)))!;
    expect(retracted).toMatchObject({ status: 'closed', closedAt: at(10).toISOString(), streamVersion: 3 });
    expect(again).toMatchObject({ status: 'open', openedAt: at(12).toISOString(), closedAt: null, streamVersion: 5 });
    expect(noticeOf('a', retracted, again)?.type).toBe('AlertRaised');
  });

  it('given no alert, when a statistic is revised or retracted, then nothing happens', () => {
    expect(evolveThresholdAlert(null, s.revised(KEY, 2, '10.00', '1.000'))).toBeNull();
    expect(evolveThresholdAlert(null, s.retracted(KEY, 2))).toBeNull();
    expect(evolveThresholdAlert(null, s.recorded(KEY, 1, '5000000.00', '1.000'))).toBeNull();
  });

  it('given an alert at version 3, when an older or the same event comes again, then it is already reflected', () => {
    const closed = fold(raised, s.revised(KEY, 3, '10.00', '1.000', undefined, at(9)))!;
    expect(evolveThresholdAlert(closed, s.thresholdExceeded(KEY, 2, '1500000.00', at(1)))).toBeNull();
    expect(evolveThresholdAlert(closed, s.revised(KEY, 3, '10.00', '1.000'))).toBeNull();
  });

  it('a replay keeps a revision behind the batch that raised its statistic\'s alert, and no other', () => {
    const alerting = new AlertingStatistics();
    const other: [string, string, string] = ['US', '8703231000', '2026-08'];
    expect(alerting.dependsOnEarlierBatches([s.recorded(KEY, 1, '1500000.00', '1.000'), s.thresholdExceeded(KEY, 2, '1500000.00')])).toBe(false);
    expect(alerting.dependsOnEarlierBatches([s.revised(other, 2, '10.00', '1.000')])).toBe(false);
    expect(alerting.dependsOnEarlierBatches([s.revised(KEY, 3, '10.00', '1.000')])).toBe(true);
  });
});
