import type { AlertNotice } from '../projections/alerts/alert-document';

export const EXPORT_ALERTS = 'exportAlerts';

export type ExportAlertKind = 'THRESHOLD_EXCEEDED' | 'ANOMALY';
export type ExportAlertStatus = 'OPEN' | 'CLOSED';
export type ExportAlertChange = 'RAISED' | 'UPDATED' | 'CLOSED';

/** An alert of the alerts read model as a write changed it (schema.graphql, ExportAlert). */
export interface ExportAlert {
  /** The alerts read model's id (`alerts` query). */
  readonly id: string;
  readonly kind: ExportAlertKind;
  readonly change: ExportAlertChange;
  /** Anomalies: RISE or DROP; null for threshold alerts. */
  readonly direction: 'RISE' | 'DROP' | null;
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly value: string;
  readonly threshold: string | null;
  readonly yearAgo: string | null;
  readonly trailingMean: string | null;
  readonly status: ExportAlertStatus;
  /** A log position the change reflects: a query at it reads the alert as it is here. */
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

const CHANGES = { AlertRaised: 'RAISED', AlertUpdated: 'UPDATED', AlertClosed: 'CLOSED' } as const;

/** What subscribers hear of a notice: the alert as written, and what the write did to it. */
export function exportAlertOf({ type, id, alert, position }: AlertNotice): ExportAlert {
  return {
    id,
    kind: alert.kind === 'threshold' ? 'THRESHOLD_EXCEEDED' : 'ANOMALY',
    change: CHANGES[type],
    direction: alert.kind === 'anomaly-rise' ? 'RISE' : alert.kind === 'anomaly-drop' ? 'DROP' : null,
    countryCode: alert.countryCode,
    hsCode: alert.hsCode,
    period: alert.period,
    value: alert.valueUsd,
    threshold: alert.thresholdUsd,
    yearAgo: alert.yearAgoUsd,
    trailingMean: alert.trailingMeanUsd,
    status: alert.status === 'open' ? 'OPEN' : 'CLOSED',
    // Only marks made before positions were kept lack one; every position is at or past 0.
    position: position ?? '0',
    raisedAt: alert.openedAt,
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
