import type { AlertNotice } from './alert-document';

/**
 * The narrow port through which the live read model reports alert changes. Only changes to the
 * live indexes are reported: a rebuild's replay and the generation it fills stay silent. Bound to
 * the exportAlerts subscriptions (LiveAlertNotices); operators hear of anomalies durably through
 * RequestAnomalyNotificationsCommand, of threshold alerts through their events (ADR 0009).
 */
export interface AlertNotices {
  publish(notices: readonly AlertNotice[]): Promise<void>;
}

export const ALERT_NOTICES = Symbol('ALERT_NOTICES');
