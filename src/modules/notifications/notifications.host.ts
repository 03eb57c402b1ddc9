import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/cqrs/clock';
import { PG_POOL, type SqlPool } from '../../platform/database/pg-pool';
import { ConsumerGroup } from '../../platform/delivery/consumer-group';
import { retryPolicy } from '../../platform/delivery/consumers.host';
import { DeliveryMetrics } from '../../platform/delivery/delivery-metrics';
import type { BrokerTopology } from '../../platform/messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../../platform/messaging/broker-topology.provider';
import { BatchSender } from './batch-sender';
import { CHANNELS } from './domain/notification';
import { NotificationGauges } from './infrastructure/notification-gauges';
import { NotificationStore } from './infrastructure/notification-store';
import { leaseMs, NOTIFICATION_CHANNELS, retrySchedule, type ChannelMap } from './notification-channels';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationRecorder } from './notification-recorder';

/**
 * The notifications consumer and dispatcher of this instance (where CONSUMERS_ENABLED): a consumer
 * group of its own on the notifications queue, apart from the projections' (their handlers never
 * see this queue, and this handler never sees theirs), with a parking scope of its own for poison;
 * and the dispatcher that sends what is due. Stopped consumer first, then the send in flight.
 */
@Injectable()
export class NotificationsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private group: ConsumerGroup | null = null;
  private dispatcher: NotificationDispatcher | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) private readonly topology: BrokerTopology,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: ChannelMap,
    private readonly amqp: AmqpConnection,
    private readonly clock: Clock,
    private readonly metrics: DeliveryMetrics,
    private readonly gauges: NotificationGauges,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CONSUMERS_ENABLED) return;
    const { config } = this;
    const now = () => this.clock.now();
    const store = new NotificationStore(this.pool, config.BROKER_PREFIX);
    const sender = new BatchSender(store, this.channels, retrySchedule(config), config.BROKER_PREFIX, now, this.gauges.sent);
    const owner = `${hostname()}:${process.pid}`;
    const dispatcher = new NotificationDispatcher(store, sender, { pollIntervalMs: config.NOTIFY_POLL_INTERVAL_MS, leaseMs: leaseMs(config), owner }, now);
    const enabled = CHANNELS.filter((channel) => this.channels.has(channel));
    // A zero window makes every notification due at once: wake the dispatcher rather than wait for its poll.
    const recorder = new NotificationRecorder(store, enabled, config.NOTIFY_DIGEST_WINDOW_MS, now, () => {
      if (config.NOTIFY_DIGEST_WINDOW_MS === 0) dispatcher.wake();
    });
    this.group = new ConsumerGroup(
      {
        scope: `${config.BROKER_PREFIX}/notifications`,
        queues: [this.topology.notificationsQueue],
        batchSize: config.CONSUMER_BATCH_SIZE,
        deliveryLimit: config.QUEUE_DELIVERY_LIMIT,
        retry: retryPolicy(config),
        subscribeTimeoutMs: config.STARTUP_TIMEOUT_MS,
      },
      { amqp: this.amqp, pool: this.pool, handlers: [recorder], inContext: (work) => work(), observer: this.metrics },
    );
    this.dispatcher = dispatcher;
    dispatcher.start();
    await this.group.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.group?.stop();
    await this.dispatcher?.stop();
    this.group = null;
    this.dispatcher = null;
  }
}
