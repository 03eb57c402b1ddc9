import type { NotificationRequestedV1 } from '../../notifications/notifications.contract';
import type { AlertDocument } from '../projections/alerts/alert-document';

/** What notifications know of one anomaly alert: whether it stands open, and how often it opened. */
export interface NoticeEntry {
  readonly open: boolean;
  readonly opening: number;
}

export interface NoticeDecision {
  readonly entry: NoticeEntry;
  /** True when this is a new opening operators must hear of. */
  readonly notify: boolean;
}

export const NEVER_NOTICED: NoticeEntry = { open: false, opening: 0 };

/**
 * Follows the alert as it now stands (`current`: its status, null when there is no document):
 * each time it is found open after standing closed (or never seen), that is an opening, notified
 * once; closing only records that it closed, so the next opening is notified again. Updates
 * of an open alert's figures notify nothing (subscribers hear of them).
 */
export function decideAnomalyNotice(entry: NoticeEntry, current: AlertDocument['status'] | null): NoticeDecision {
  const open = current === 'open';
  if (open === entry.open) return { entry, notify: false };
  if (!open) return { entry: { open: false, opening: entry.opening }, notify: false };
  return { entry: { open: true, opening: entry.opening + 1 }, notify: true };
}

/** What operators are told of an opening; the dedupe key names the alert and the opening. */
export function anomalyNotification(alertId: string, alert: AlertDocument, opening: number): NotificationRequestedV1 {
  const direction = alert.kind === 'anomaly-drop' ? 'dropped' : 'rose';
  return {
    kind: alert.kind === 'anomaly-drop' ? 'export-anomaly-drop' : 'export-anomaly-rise',
    subject:
      `Exports to ${alert.countryCode} of HS chapter ${alert.chapterCode} in ${alert.period} ${direction} to USD ${alert.valueUsd}` +
      ` (USD ${alert.yearAgoUsd} a year earlier, USD ${alert.trailingMeanUsd} a month over the year before)`,
    facts: {
      alert: alertId,
      country: alert.countryCode,
      chapter: alert.chapterCode,
      period: alert.period,
      valueUsd: alert.valueUsd,
      yearAgoUsd: alert.yearAgoUsd ?? '',
      trailingMeanUsd: alert.trailingMeanUsd ?? '',
    },
    occurredAt: alert.openedAt,
    dedupeKey: `${alertId}#${opening}`,
  };
}
