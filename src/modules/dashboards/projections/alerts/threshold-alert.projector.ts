import { assertNever } from '../../../../kernel/domain-event';
import { Period } from '../../../../kernel/period';
import { STATISTIC_MESSAGE_TYPES, type StatisticMessage } from '../../../statistics';
import { CENTS, toUnits } from '../../domain/exact-units';
import type { ProjectableEvent } from '../projectable-event';
import { alertId, type AlertDocument } from './alert-document';

/** The statistic events that can open, move or close a threshold alert (a record cannot: a retraction closed it). */
export const THRESHOLD_ALERT_EVENT_TYPES = [
  STATISTIC_MESSAGE_TYPES.thresholdExceeded,
  STATISTIC_MESSAGE_TYPES.revised,
  STATISTIC_MESSAGE_TYPES.retracted,
] as const;

type AlertEvent = Extract<StatisticMessage, { readonly type: (typeof THRESHOLD_ALERT_EVENT_TYPES)[number] }>;

export function isThresholdAlertEvent(event: Pick<ProjectableEvent, 'type'>): boolean {
  return (THRESHOLD_ALERT_EVENT_TYPES as readonly string[]).includes(event.type);
}

export function thresholdAlertId(key: { countryCode: string; hsCode: string; period: string }): string {
  return alertId('threshold', key.period, `${key.countryCode}-${key.hsCode}`);
}

/**
 * The statistic's threshold alert after `event`, or null when the event changes nothing. A
 * statistic's events come in stream order, and the alert carries the version it reflects, so an
 * event already reflected is skipped (and Elasticsearch refuses it as an older external version).
 *
 * - ExportThresholdExceeded opens the alert, or updates an open one (the figure; it stays opened
 *   when it was). The aggregate raises it right after the Recorded/Revised that crossed the line.
 * - A revision to a value at or under the threshold the alert was raised at closes it. One above
 *   it changes nothing here: its own ExportThresholdExceeded follows at the next version. (So a
 *   raised EXPORT_THRESHOLD_USD closes nothing already open: the rule is the log's, not today's
 *   setting, which keeps a rebuild equal to the live alerts.)
 * - A retraction closes it.
 * Every time is the event's, never the clock's: a replay builds the same document.
 */
export function evolveThresholdAlert(current: AlertDocument | null, event: ProjectableEvent): AlertDocument | null {
  if (!isThresholdAlertEvent(event)) return null;
  if (current && (current.streamVersion ?? 0) >= event.streamVersion) return null;
  // Decoded before projecting (read-model-event-types.ts): the data has its type's shape.
  const alert = { type: event.type, data: event.data } as AlertEvent;
  const at = event.occurredAt.toISOString();
  const open = current?.status === 'open' ? current : null;
  switch (alert.type) {
    case STATISTIC_MESSAGE_TYPES.thresholdExceeded: {
      const { countryCode, hsCode, period, valueUsd, thresholdUsd } = alert.data;
      const { year, month } = Period.parse(period);
      return {
        kind: 'threshold',
        type: 'ExportThresholdExceeded',
        status: 'open',
        scope: `${countryCode}-${hsCode}`,
        countryCode,
        hsCode,
        chapterCode: hsCode.slice(0, 2),
        period,
        year,
        month,
        valueUsd,
        valueUsdCents: toUnits(valueUsd, CENTS),
        thresholdUsd,
        yearAgoUsd: null,
        trailingMeanUsd: null,
        streamVersion: event.streamVersion,
        openedAt: open?.openedAt ?? at,
        updatedAt: at,
        closedAt: null,
      };
    }
    case STATISTIC_MESSAGE_TYPES.revised: {
      const cents = toUnits(alert.data.valueUsd, CENTS);
      if (!open || cents > toUnits(open.thresholdUsd ?? '0', CENTS)) return null;
      return { ...open, status: 'closed', valueUsd: alert.data.valueUsd, valueUsdCents: cents, streamVersion: event.streamVersion, updatedAt: at, closedAt: at };
    }
    case STATISTIC_MESSAGE_TYPES.retracted:
      return open && { ...open, status: 'closed', streamVersion: event.streamVersion, updatedAt: at, closedAt: at };
    default:
      return assertNever(alert, 'threshold alert event');
  }
}
