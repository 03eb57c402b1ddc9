/**
 * The event types the relay also sends to the notifications exchange, beside their usual route.
 * A copy rather than a binding: statistic events go through the consistent-hash exchange, where
 * every binding is a member of the hash ring (a notifications queue bound there would take a share
 * of the statistics, not a copy of them). Like the wire contract, a list of its own: adding a
 * type here is the decision that operators hear of it (ADR 0009). The routing key of a copy is
 * the event type, so a queue can bind to the types it wants.
 */
const NOTIFIABLE: ReadonlySet<string> = new Set([
  'ExportThresholdExceeded',
  'CustomsImportCompleted',
  'CustomsImportFailed',
  'CustomsImportPaused',
  // The generic request any context (alerts, processes) appends to the log in its own transaction.
  'NotificationRequested',
]);

export function isNotifiable(type: string): boolean {
  return NOTIFIABLE.has(type);
}

export function notifiableTypes(): string[] {
  return [...NOTIFIABLE];
}
