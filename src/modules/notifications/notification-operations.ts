import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ValidationError } from '../../kernel/domain-error';
import { Clock } from '../../platform/cqrs/clock';
import { PG_POOL, type SqlPool } from '../../platform/database/pg-pool';
import { BatchSender, type BatchResult } from './batch-sender';
import { NotificationGauges } from './infrastructure/notification-gauges';
import { NotificationStore, type ParkedBatchView } from './infrastructure/notification-store';
import { leaseMs, NOTIFICATION_CHANNELS, retrySchedule, type ChannelMap } from './notification-channels';
import { NotificationNotParkedError } from './notifications.errors';

export type ReplayedBatch = { readonly id: string; readonly channel: string } & BatchResult;

/**
 * What operators do with parked notifications (GraphQL and CLI): list them, and replay one, which
 * sends it now from the calling instance, with that instance's channel settings (fix the receiver
 * or the setting first), and answers how it ended: sent, or parked again with the new reason.
 */
@Injectable()
export class NotificationOperations implements OnApplicationShutdown {
  private readonly store: NotificationStore;
  private readonly sender: BatchSender;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) pool: SqlPool,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: ChannelMap,
    private readonly clock: Clock,
    gauges: NotificationGauges,
  ) {
    this.store = new NotificationStore(pool, config.BROKER_PREFIX);
    this.sender = new BatchSender(this.store, channels, retrySchedule(config), config.BROKER_PREFIX, () => clock.now(), gauges.sent);
  }

  parked(limit: number): Promise<ParkedBatchView[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError('limit', 'must be an integer from 1 to 1000');
    return this.store.parked(limit);
  }

  async replay(id: string, actor: string): Promise<ReplayedBatch> {
    if (!/^\d{1,18}$/.test(id)) throw new ValidationError('id', 'must be the decimal id of a parked notification batch');
    const owner = `replay:${actor}:${randomUUID()}`;
    const claim = await this.store.claimParked(id, owner, this.clock.now(), leaseMs(this.config));
    if (!claim) throw new NotificationNotParkedError(id);
    return { id: claim.id, channel: claim.channel, ...(await this.sender.send(claim, owner, 'replay')) };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.channels.values()].map((channel) => channel.close()));
  }
}
