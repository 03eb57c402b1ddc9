import { decodeStatisticMessage, STATISTIC_MESSAGE_TYPES } from '../../statistics';

export const EXPORT_ALERTS = 'exportAlerts';

export type ExportAlertKind = 'THRESHOLD_EXCEEDED';
export type ExportAlertStatus = 'OPEN' | 'CLOSED';

/** An alert as it is raised: close to the alerts read model's document, plus the event that raised it. */
export interface ExportAlert {
  readonly kind: ExportAlertKind;
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly value: string;
  readonly threshold: string;
  readonly status: ExportAlertStatus;
  /** Log position of the event that raised it: a client seeing it twice (a redelivery) can tell. */
  readonly position: string;
  readonly raisedAt: string;
}

export interface ExportAlertFilter {
  readonly kinds?: readonly ExportAlertKind[] | null;
  readonly countryCode?: string | null;
  readonly hsPrefix?: string | null;
  readonly year?: number | null;
  readonly month?: number | null;
}

/** The alert an `ExportThresholdExceeded` message raises, or null when it is not one (or not of a known shape). */
export function thresholdAlert(message: { type: string; schemaVersion: number; position: string; occurredAt: string; data: unknown }): ExportAlert | null {
  const decoded = decodeStatisticMessage(message.type, message.schemaVersion, message.data);
  if (!decoded.ok || decoded.message.type !== STATISTIC_MESSAGE_TYPES.thresholdExceeded) return null;
  const { countryCode, hsCode, period, valueUsd, thresholdUsd } = decoded.message.data;
  return {
    kind: 'THRESHOLD_EXCEEDED',
    countryCode,
    hsCode,
    period,
    value: valueUsd,
    threshold: thresholdUsd,
    status: 'OPEN',
    position: message.position,
    raisedAt: message.occurredAt,
  };
}

/** A subscriber's filter: every field given must match (the HS code by prefix). */
export function selectExportAlert(filter: ExportAlertFilter | null) {
  const period = filter?.year ? `${filter.year}-${filter.month ? String(filter.month).padStart(2, '0') : ''}` : '';
  return (payload: unknown): ExportAlert | null => {
    const alert = payload as ExportAlert | null;
    if (!alert || typeof alert.kind !== 'string') return null;
    if (filter?.kinds?.length && !filter.kinds.includes(alert.kind)) return null;
    if (filter?.countryCode && alert.countryCode !== filter.countryCode) return null;
    if (filter?.hsPrefix && !alert.hsCode.startsWith(filter.hsPrefix)) return null;
    if (period && !alert.period.startsWith(period)) return null;
    return alert;
  };
}
