/**
 * The notifications context's public face: its Nest module, the operators' service (list and
 * replay parked notifications), the generic shape and the wire contract of NotificationRequested.
 */
export { NotificationsModule } from './notifications.module';
export { NotificationOperations, type ReplayedBatch } from './notification-operations';
export type { ParkedBatchView } from './infrastructure/notification-store';
export type { Notification, ChannelName } from './domain/notification';
export * from './notifications.contract';
export { NotificationNotParkedError } from './notifications.errors';
