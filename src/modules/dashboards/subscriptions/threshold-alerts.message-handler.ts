import { Injectable } from '@nestjs/common';
import { DeliveryHandler, type DeliveredEvent, type MessageHandler } from '../../../platform/delivery/message-handler';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { STATISTIC_MESSAGE_TYPES } from '../../statistics';
import { EXPORT_ALERTS, thresholdAlert } from './export-alert';

/**
 * Raises `exportAlerts` for `ExportThresholdExceeded` as the consumers receive it, on whichever
 * instance consumes its shard. Live news only: a redelivered message raises it again (the alert
 * carries its event's position, so a client can tell), a replay or rebuild never reaches a
 * consumer, and publishing never fails the batch (LiveUpdates logs what it could not send).
 */
@Injectable()
@DeliveryHandler()
export class ThresholdAlertsMessageHandler implements MessageHandler {
  readonly name = 'live-threshold-alerts';

  constructor(private readonly live: LiveUpdates) {}

  handles(type: string): boolean {
    return type === STATISTIC_MESSAGE_TYPES.thresholdExceeded;
  }

  async handleBatch(messages: readonly DeliveredEvent[]): Promise<void> {
    const alerts = messages.flatMap((message) => thresholdAlert(message) ?? []);
    if (alerts.length > 0) await this.live.publish(EXPORT_ALERTS, alerts);
  }
}
