import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/cqrs/clock';
import { DeliveryModule } from '../../platform/delivery/delivery.module';
import { channelsFromConfig, NOTIFICATION_CHANNELS } from './notification-channels';
import { NotificationOperations } from './notification-operations';
import { NotificationsHost } from './notifications.host';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationGauges } from './infrastructure/notification-gauges';
import { AdministratorNoticeHandler } from './sources/administrator-notice.handler';

/** Notifications (ADR 0009): the consumer and dispatcher, and the operators' API over parked ones. */
@Module({
  imports: [DeliveryModule],
  providers: [
    { provide: NOTIFICATION_CHANNELS, inject: [APP_CONFIG, Clock], useFactory: (config: AppConfig, clock: Clock) => channelsFromConfig(config, () => clock.now()) },
    NotificationOperations,
    NotificationsHost,
    NotificationsResolver,
    NotificationGauges,
    AdministratorNoticeHandler,
  ],
  exports: [NotificationOperations],
})
export class NotificationsModule {}
