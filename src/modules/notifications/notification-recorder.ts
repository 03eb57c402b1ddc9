import { Logger } from '@nestjs/common';
import { TransientDeliveryError, type DeliveredEvent, type MessageHandler } from '../../platform/delivery/message-handler';
import type { ChannelName, Notification } from './domain/notification';
import type { NotificationStore } from './infrastructure/notification-store';
import { isNotificationSource, notificationFromEvent } from './sources/notification-from-event';

/**
 * The handler of the notifications queue: maps each message to a notification and records it,
 * once per enabled channel, in the channel's open digest window. It sends nothing itself (the
 * dispatcher does), so a redelivered batch costs one conflicting insert. A message with the replay
 * mark is history sent again: dropped, never recorded, so it can never be sent.
 */
export class NotificationRecorder implements MessageHandler {
  readonly name = 'NotificationRecorder';
  private readonly logger = new Logger('NotificationRecorder');

  constructor(
    private readonly store: NotificationStore,
    private readonly channels: readonly ChannelName[],
    private readonly windowMs: number,
    private readonly now: () => Date,
    private readonly recorded: () => void,
  ) {}

  handles(type: string): boolean {
    return isNotificationSource(type);
  }

  async handleBatch(messages: readonly DeliveredEvent[]): Promise<void> {
    const notifications: Notification[] = [];
    for (const message of messages) {
      if (message.replay) continue;
      const notification = notificationFromEvent(message);
      if (notification === null) this.logger.warn(`${message.type} ${message.eventId} lacks the fields of its contract; not notified`);
      else notifications.push(notification);
    }
    if (notifications.length === 0 || this.channels.length === 0) return;
    const now = this.now();
    try {
      for (const channel of this.channels) await this.store.record(channel, notifications, now, this.windowMs);
    } catch (error) {
      // The database, not the message: wait and try again rather than park an alert.
      throw new TransientDeliveryError(`recording ${notifications.length} notification(s) failed: ${String(error)}`, { cause: error });
    }
    this.recorded();
  }
}
