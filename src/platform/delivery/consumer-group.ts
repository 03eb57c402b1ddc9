import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { consumerChannelName } from '../messaging/broker-topology';
import type { SqlPool as Pool } from '../database/pg-pool';
import { BatchApplier, type ContextRunner } from './batch-applier';
import type { DeliveryObserver } from './delivery-observer';
import type { MessageHandler } from './message-handler';
import { ParkingStore } from './parking/parking.store';
import type { RetryPolicy } from './retry-policy';
import { ShardConsumer } from './shard-consumer';
import { Stopper } from '../concurrency/stopper';

export interface ConsumerGroupSettings {
  /** The broker prefix; parked keys are kept per scope. */
  readonly scope: string;
  readonly queues: readonly string[];
  readonly batchSize: number;
  readonly deliveryLimit: number;
  readonly retry: RetryPolicy;
  readonly subscribeTimeoutMs: number;
}

export interface ConsumerGroupDeps {
  readonly amqp: AmqpConnection;
  readonly pool: Pool;
  readonly handlers: readonly MessageHandler[];
  readonly inContext: ContextRunner;
  readonly observer: DeliveryObserver;
}

/** One instance's consumers: one per queue, sharing the handlers, the parking store and a stop signal. */
export class ConsumerGroup {
  private readonly stopper = new Stopper();
  private readonly consumers: ShardConsumer[];

  constructor(settings: ConsumerGroupSettings, deps: ConsumerGroupDeps) {
    const parking = new ParkingStore(deps.pool, settings.scope);
    const applier = new BatchApplier(deps.handlers, settings.retry, deps.inContext, this.stopper);
    this.consumers = settings.queues.map(
      (queue) =>
        new ShardConsumer(
          {
            queue,
            channel: consumerChannelName(queue),
            batchSize: settings.batchSize,
            deliveryLimit: settings.deliveryLimit,
            subscribeTimeoutMs: settings.subscribeTimeoutMs,
          },
          deps.amqp,
          parking,
          applier,
          this.stopper,
          deps.observer,
        ),
    );
  }

  async start(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async stop(): Promise<void> {
    for (const consumer of this.consumers) consumer.halt();
    this.stopper.stop();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}
