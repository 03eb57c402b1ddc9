import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../cqrs/clock';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { ormContextRunner, retryPolicy } from '../delivery/consumers.host';
import { DeliveryMetrics } from '../delivery/delivery-metrics';
import type { BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import { ProcessDefinitions } from './process-definitions';
import { ProcessManager, type ProcessManagerSettings } from './process-manager';
import type { CommandSender } from './process-work';

export function processManagerSettings(config: AppConfig, topology: BrokerTopology): ProcessManagerSettings {
  return {
    scope: `${config.BROKER_PREFIX}.processes`,
    queue: topology.processQueue,
    deliveryLimit: config.QUEUE_DELIVERY_LIMIT,
    retry: retryPolicy(config),
    subscribeTimeoutMs: config.STARTUP_TIMEOUT_MS,
    pollIntervalMs: config.PROCESS_POLL_INTERVAL_MS,
    leaseMs: config.PROCESS_LEASE_MS,
    maxCommandAttempts: config.PROCESS_COMMAND_MAX_ATTEMPTS,
    retryBaseMs: config.CONSUMER_RETRY_BASE_MS,
    retryMaxMs: config.CONSUMER_RETRY_MAX_MS,
    claimLimit: 20,
  };
}

/**
 * This instance's process manager, started once every module has registered its definitions
 * (unless PROCESS_MANAGER_ENABLED is false); stopped before the connections close. The consumer
 * runs only where consumers are enabled; the deadline and command poller wherever the manager is.
 */
@Injectable()
export class ProcessManagerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private manager: ProcessManager | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) private readonly topology: BrokerTopology,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly amqp: AmqpConnection,
    private readonly orm: MikroORM,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
    private readonly definitions: ProcessDefinitions,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** The running manager, for operator tools; null when disabled in this instance. */
  get running(): ProcessManager | null {
    return this.manager;
  }

  /**
   * Sends a signal to the live process of (type, key): an acknowledgement or a report that a
   * context owes it. `messageId` makes a repeated signal harmless. Answers whether a live process
   * took it; false too where the manager is disabled.
   */
  async signal(type: string, key: string, signal: { type: string; data: Readonly<Record<string, unknown>> }, messageId: string): Promise<boolean> {
    if (!this.manager) return false;
    return this.manager.runner.signal(type, key, { kind: 'signal', ...signal }, `signal:${messageId}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.PROCESS_MANAGER_ENABLED) return;
    const definitions = this.definitions.all();
    const byType = new Map(definitions.map((definition) => [definition.type, definition]));
    const inContext = ormContextRunner(this.orm);
    // Each command in a MikroORM context of its own, as a consumer's batch: there is no request here.
    const send: CommandSender = async (command, type, metadata) => {
      const definition = byType.get(type);
      if (!definition) throw new Error(`no process definition of type ${type} in this instance`);
      return inContext(() => this.commandBus.execute(definition.toBusCommand(command, metadata)));
    };
    this.manager = new ProcessManager(processManagerSettings(this.config, this.topology), {
      pool: this.pool,
      amqp: this.config.CONSUMERS_ENABLED ? this.amqp : null,
      definitions,
      send,
      now: () => this.clock.now(),
      observer: this.metrics,
    });
    await this.manager.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.manager?.stop();
    this.manager = null;
  }
}
