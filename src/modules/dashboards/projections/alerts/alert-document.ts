/**
 * One alert in the `alerts` index: a threshold alert follows one statistic (scope `CN-8518309000`),
 * an anomaly one (partner, HS chapter) pair (scope `CN-85`). One document per kind, period and
 * scope (alertId), updated in place: recomputing never adds a second one.
 */
export type AlertKind = 'threshold' | 'anomaly-rise' | 'anomaly-drop';

export interface AlertDocument {
  readonly kind: AlertKind;
  readonly type: 'ExportThresholdExceeded' | 'ExportAnomaly';
  readonly status: 'open' | 'closed';
  readonly scope: string;
  readonly countryCode: string;
  /** The statistic's HS code (threshold) or the chapter (anomaly). */
  readonly hsCode: string;
  readonly chapterCode: string;
  /** YYYY-MM */
  readonly period: string;
  readonly year: number;
  readonly month: number;
  /** The figure the alert is about, a decimal string; `valueUsdCents` beside it for sorting. */
  readonly valueUsd: string;
  readonly valueUsdCents: number;
  /** Threshold alerts: the threshold the statistic exceeded when it was raised. */
  readonly thresholdUsd: string | null;
  /** Anomalies: the same month a year earlier, and the mean of the twelve months before. */
  readonly yearAgoUsd: string | null;
  readonly trailingMeanUsd: string | null;
  /** Threshold alerts: the statistic's stream version this document reflects (its ES version). */
  readonly streamVersion: number | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
}

export function alertId(kind: AlertKind, period: string, scope: string): string {
  return `${kind}-${period}-${scope}`;
}

/**
 * What a write changed, for whoever reacts to alerts (notifications, subscriptions): the
 * projection returns these and never sends anything itself. A raise and a close within one batch
 * cancel out and say nothing.
 */
export type AlertNotice = {
  readonly type: 'AlertRaised' | 'AlertUpdated' | 'AlertClosed';
  readonly id: string;
  readonly alert: AlertDocument;
  /**
   * A log position the write reflects: the newest event folded into a threshold alert, the newest
   * event of the summary flush that evaluated an anomaly; null when unknown.
   */
  readonly position: string | null;
};

/** The notice for a document written over `before` (null: absent), or null when nobody needs to hear. */
export function noticeOf(id: string, before: AlertDocument | null, after: AlertDocument, position: string | null = null): AlertNotice | null {
  const wasOpen = before?.status === 'open';
  if (after.status === 'open') return { type: wasOpen ? 'AlertUpdated' : 'AlertRaised', id, alert: after, position };
  return wasOpen ? { type: 'AlertClosed', id, alert: after, position } : null;
}
