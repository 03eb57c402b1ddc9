import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { SqlPool as Pool } from '../database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import type { ContextRunner } from './batch-applier';
import { ConsumerGroup, type ConsumerGroupSettings } from './consumer-group';
import { DeliveryMetrics } from './delivery-metrics';
import { HandlerRegistry } from './handler-registry';
import type { RetryPolicy } from './retry-policy';

export function retryPolicy(config: AppConfig): RetryPolicy {
  return { maxRetries: config.CONSUMER_MAX_RETRIES, baseMs: config.CONSUMER_RETRY_BASE_MS, maxMs: config.CONSUMER_RETRY_MAX_MS };
}

/** How this service's consumers read the shard and fan-out queues, from the configuration. */
export function consumerGroupSettings(config: AppConfig, topology: BrokerTopology, subscribeTimeoutMs = config.STARTUP_TIMEOUT_MS): ConsumerGroupSettings {
  return {
    scope: config.BROKER_PREFIX,
    queues: consumedQueues(topology),
    batchSize: config.CONSUMER_BATCH_SIZE,
    deliveryLimit: config.QUEUE_DELIVERY_LIMIT,
    retry: retryPolicy(config),
    subscribeTimeoutMs,
  };
}

/** Each attempt at a message or batch in its own MikroORM context: consumers have no request scope. */
export function ormContextRunner(orm: MikroORM): ContextRunner {
  return (work) => RequestContext.create(orm.em, work);
}

/**
 * This instance's consumers: subscribed once the application is up (unless CONSUMERS_ENABLED is
 * false), after every module registered its handlers; stopped before the connections close.
 */
@Injectable()
export class ConsumersHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private group: ConsumerGroup | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) private readonly topology: BrokerTopology,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly amqp: AmqpConnection,
    private readonly orm: MikroORM,
    private readonly registry: HandlerRegistry,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CONSUMERS_ENABLED) return;
    this.group = new ConsumerGroup(consumerGroupSettings(this.config, this.topology), {
      amqp: this.amqp,
      pool: this.pool,
      handlers: this.registry.handlers(),
      inContext: ormContextRunner(this.orm),
      observer: this.metrics,
    });
    await this.group.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.group?.stop();
    this.group = null;
  }
}
