/**
 * The notifications context's wire contract: `NotificationRequested`, the generic request any
 * context may append to the event log (in the transaction of the change it reports), so that the
 * relay brings it to the notifications queue. The data is the generic shape every notification
 * takes, whatever its source (threshold alerts, anomalies, imports, processes).
 */
export const NOTIFICATION_REQUESTED = 'NotificationRequested';

export interface NotificationRequestedV1 {
  /** What happened, in kebab case (`export-anomaly`, `country-deactivation-failed`); digests count by it. */
  readonly kind: string;
  /** One line, as a mail subject or the first line of a chat message. */
  readonly subject: string;
  /** Plain facts, shown as "name: value" lines in their order. */
  readonly facts: Readonly<Record<string, string>>;
  /** ISO 8601 instant of the fact reported. */
  readonly occurredAt: string;
  /** The same fact reported twice (by two messages) under one key is sent once per channel. */
  readonly dedupeKey: string;
}
