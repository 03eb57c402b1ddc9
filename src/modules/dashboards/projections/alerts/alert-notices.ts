import type { AlertNotice } from './alert-document';

/**
 * The narrow port through which the live read model reports alert changes. Only changes to the
 * live indexes are reported: a rebuild's replay and the generation it fills stay silent. The
 * default hears nothing; notifications and subscriptions bind their own (ALERT_NOTICES).
 */
export interface AlertNotices {
  publish(notices: readonly AlertNotice[]): Promise<void>;
}

export const ALERT_NOTICES = Symbol('ALERT_NOTICES');

export const SILENT_ALERT_NOTICES: AlertNotices = { publish: async () => undefined };
