import type { AlertDocument, AlertNotice } from '../projections/alerts/alert-document';
import { exportAlertOf, selectExportAlert, type ExportAlert } from './export-alert';

const threshold: AlertDocument = {
  kind: 'threshold',
  type: 'ExportThresholdExceeded',
  status: 'open',
  scope: 'CN-8542310000',
  countryCode: 'CN',
  hsCode: '8542310000',
  chapterCode: '85',
  period: '2026-06',
  year: 2026,
  month: 6,
  valueUsd: '2500000.00',
  valueUsdCents: 250_000_000,
  thresholdUsd: '1000000.00',
  yearAgoUsd: null,
  trailingMeanUsd: null,
  streamVersion: 2,
  openedAt: '2026-12-08T01:02:03.000Z',
  updatedAt: '2026-12-08T01:02:03.000Z',
  closedAt: null,
};
const drop: AlertDocument = {
  ...threshold,
  kind: 'anomaly-drop',
  type: 'ExportAnomaly',
  scope: 'JP-85',
  countryCode: 'JP',
  hsCode: '85',
  valueUsd: '120000.00',
  valueUsdCents: 12_000_000,
  thresholdUsd: null,
  yearAgoUsd: '900000.00',
  trailingMeanUsd: '850000.50',
  streamVersion: null,
};
const notice = (type: AlertNotice['type'], alert: AlertDocument, position: string | null = '81'): AlertNotice => ({ type, id: 'alert-id', alert, position });

describe('what exportAlerts subscribers hear of an alert notice (unit)', () => {
  it('given a threshold alert raised, then an open THRESHOLD_EXCEEDED with its threshold, no baselines, and its event\'s position', () => {
    expect(exportAlertOf(notice('AlertRaised', threshold))).toEqual({
      id: 'alert-id',
      kind: 'THRESHOLD_EXCEEDED',
      change: 'RAISED',
      direction: null,
      countryCode: 'CN',
      hsCode: '8542310000',
      period: '2026-06',
      value: '2500000.00',
      threshold: '1000000.00',
      yearAgo: null,
      trailingMean: null,
      status: 'OPEN',
      position: '81',
      raisedAt: '2026-12-08T01:02:03.000Z',
    });
  });

  it('given an anomaly drop closed, then a CLOSED ANOMALY with direction DROP, both baselines, and no threshold', () => {
    expect(exportAlertOf(notice('AlertClosed', { ...drop, status: 'closed' }))).toMatchObject({
      kind: 'ANOMALY',
      change: 'CLOSED',
      direction: 'DROP',
      hsCode: '85',
      value: '120000.00',
      threshold: null,
      yearAgo: '900000.00',
      trailingMean: '850000.50',
      status: 'CLOSED',
    });
  });

  it('given an update, then UPDATED; given no known position, then 0 (every position is past it)', () => {
    expect(exportAlertOf(notice('AlertUpdated', { ...drop, kind: 'anomaly-rise' }, null))).toMatchObject({ change: 'UPDATED', direction: 'RISE', position: '0' });
  });

  it.each([
    [{}, true, true],
    [{ countryCode: 'CN', hsPrefix: '8542' }, true, false],
    [{ hsPrefix: '85423' }, true, false],
    [{ hsPrefix: '85' }, true, true],
    [{ countryCode: 'JP' }, false, true],
    [{ year: 2026, month: 6 }, true, true],
    [{ year: 2026, month: 7 }, false, false],
    [{ kinds: ['THRESHOLD_EXCEEDED'] as const }, true, false],
    [{ kinds: ['ANOMALY'] as const }, false, true],
    [{ kinds: ['ANOMALY', 'THRESHOLD_EXCEEDED'] as const }, true, true],
  ])('given the filter %j, then the threshold alert passes: %s, the anomaly: %s', (filter, thresholdPasses, anomalyPasses) => {
    const [aThreshold, anAnomaly] = [exportAlertOf(notice('AlertRaised', threshold)), exportAlertOf(notice('AlertRaised', drop))] as ExportAlert[];
    expect(selectExportAlert(filter)(aThreshold)).toEqual(thresholdPasses ? aThreshold : null);
    expect(selectExportAlert(filter)(anAnomaly)).toEqual(anomalyPasses ? anAnomaly : null);
  });
});
