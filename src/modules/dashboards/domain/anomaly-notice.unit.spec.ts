import type { AlertDocument } from '../projections/alerts/alert-document';
import { anomalyNotification, decideAnomalyNotice, NEVER_NOTICED } from './anomaly-notice';

const opened = (opening: number) => ({ open: true, opening });
const closed = (opening: number) => ({ open: false, opening });

describe('what operators are told of an anomaly alert (unit)', () => {
  it('given an alert never noticed, when it is found open, then its first opening is notified', () => {
    expect(decideAnomalyNotice(NEVER_NOTICED, 'open')).toEqual({ entry: opened(1), notify: true });
  });

  it('given an open alert already notified, when it is found open again (a recomputation, a redelivery, another instance), then nothing', () => {
    expect(decideAnomalyNotice(opened(1), 'open')).toEqual({ entry: opened(1), notify: false });
  });

  it('given an open alert, when it is found closed or gone, then it is recorded closed and nothing is sent', () => {
    expect(decideAnomalyNotice(opened(1), 'closed')).toEqual({ entry: closed(1), notify: false });
    expect(decideAnomalyNotice(opened(2), null)).toEqual({ entry: closed(2), notify: false });
  });

  it('given a closed alert, when it is found open again, then that second opening is notified under a key of its own', () => {
    expect(decideAnomalyNotice(closed(1), 'open')).toEqual({ entry: opened(2), notify: true });
  });

  it('given an alert never noticed, when it is found closed, then nothing', () => {
    expect(decideAnomalyNotice(NEVER_NOTICED, 'closed')).toEqual({ entry: NEVER_NOTICED, notify: false });
  });

  it('given a drop, then the request names its figures, both baselines, and the alert and opening as its key', () => {
    const alert = {
      kind: 'anomaly-drop',
      countryCode: 'JP',
      chapterCode: '85',
      period: '2026-11',
      valueUsd: '120000.00',
      yearAgoUsd: '900000.00',
      trailingMeanUsd: '850000.50',
      openedAt: '2026-12-08T09:00:00.000Z',
    } as AlertDocument;

    expect(anomalyNotification('anomaly-drop-2026-11-JP-85', alert, 3)).toEqual({
      kind: 'export-anomaly-drop',
      subject: 'Exports to JP of HS chapter 85 in 2026-11 dropped to USD 120000.00 (USD 900000.00 a year earlier, USD 850000.50 a month over the year before)',
      facts: {
        alert: 'anomaly-drop-2026-11-JP-85',
        country: 'JP',
        chapter: '85',
        period: '2026-11',
        valueUsd: '120000.00',
        yearAgoUsd: '900000.00',
        trailingMeanUsd: '850000.50',
      },
      occurredAt: '2026-12-08T09:00:00.000Z',
      dedupeKey: 'anomaly-drop-2026-11-JP-85#3',
    });
  });
});
