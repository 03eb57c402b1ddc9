import type { LiveUpdates } from '../../../platform/live/live-updates';
import type { AlertNotice } from '../projections/alerts/alert-document';
import type { AlertNotices } from '../projections/alerts/alert-notices';
import { EXPORT_ALERTS, exportAlertOf } from './export-alert';

/**
 * Feeds `exportAlerts` from the live read model's alert notices, on whichever instance wrote the
 * alert, to the subscribers of every instance. A notice exists only when the write created or
 * changed the document, so a redelivered ExportThresholdExceeded (refused as an older version) or
 * an anomaly recomputed to the same figures says nothing again. Never fails the writer (LiveUpdates
 * logs what it could not send).
 */
export class LiveAlertNotices implements AlertNotices {
  constructor(private readonly live: LiveUpdates) {}

  async publish(notices: readonly AlertNotice[]): Promise<void> {
    if (notices.length > 0) await this.live.publish(EXPORT_ALERTS, notices.map(exportAlertOf));
  }
}
