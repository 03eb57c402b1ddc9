import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { SqlPool } from '../database/pg-pool';
import { ConsumerGroup } from '../delivery/consumer-group';
import type { DeliveryObserver } from '../delivery/delivery-observer';
import type { RetryPolicy } from '../delivery/retry-policy';
import { WakeSignal } from '../relay/wake-signal';
import { ProcessEventHandler } from './process-event.handler';
import { ProcessRunner } from './process-runner';
import { ProcessStore } from './process.store';
import { ProcessWork, type CommandSender, type ProcessWorkSettings } from './process-work';
import type { ProcessDefinition } from './process.types';

export interface ProcessManagerSettings extends ProcessWorkSettings {
  /** Parked process messages are kept apart from the projections' (`<prefix>.processes`). */
  readonly scope: string;
  readonly queue: string;
  readonly deliveryLimit: number;
  readonly retry: RetryPolicy;
  readonly subscribeTimeoutMs: number;
  readonly pollIntervalMs: number;
}

export interface ProcessManagerDeps {
  readonly pool: SqlPool;
  /** Null: no consumer (events are handed to `runner.onEvent` directly, as some tests do). */
  readonly amqp: AmqpConnection | null;
  readonly definitions: readonly ProcessDefinition[];
  readonly send: CommandSender;
  readonly now: () => Date;
  readonly observer: DeliveryObserver;
}

/**
 * One instance's share of the processes: the consumer of the processes' queue (one active across
 * instances, the queue has a single active consumer) and a poller firing due deadlines and sending
 * queued commands (every instance polls; claims keep them apart). Everything it knows is in
 * PostgreSQL, so a restarted instance simply carries on.
 */
export class ProcessManager {
  readonly runner: ProcessRunner;
  readonly work: ProcessWork;
  private readonly logger = new Logger('ProcessManager');
  private readonly wake = new WakeSignal();
  private group: ConsumerGroup | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly settings: ProcessManagerSettings,
    private readonly deps: ProcessManagerDeps,
  ) {
    const byType = new Map(deps.definitions.map((definition) => [definition.type, definition]));
    this.runner = new ProcessRunner({ store: new ProcessStore(deps.pool), definitions: deps.definitions, now: deps.now, commandsQueued: () => this.wake.wake() });
    const isPermanent = (type: string, error: unknown) => byType.get(type)?.isPermanent(error) ?? true;
    this.work = new ProcessWork(deps.pool, this.runner, deps.send, isPermanent, settings, [...byType.keys()]);
  }

  async start(): Promise<void> {
    if (this.deps.amqp) {
      this.group = new ConsumerGroup(
        {
          scope: this.settings.scope,
          queues: [this.settings.queue],
          batchSize: 100,
          deliveryLimit: this.settings.deliveryLimit,
          retry: this.settings.retry,
          subscribeTimeoutMs: this.settings.subscribeTimeoutMs,
        },
        { amqp: this.deps.amqp, pool: this.deps.pool, handlers: [new ProcessEventHandler(this.runner)], inContext: (work) => work(), observer: this.deps.observer },
      );
      await this.group.start();
    }
    this.loop = this.poll();
  }

  /** Commands were queued elsewhere in this instance (an operator's request): send them now. */
  poke(): void {
    this.wake.wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.wake();
    await this.group?.stop();
    this.group = null;
    await this.loop;
    this.loop = null;
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.work.runOnce();
      } catch (error) {
        this.logger.warn(`process work failed: ${String(error)}`);
      }
      // More may be due at once; otherwise wait for the interval or a commit that queued commands.
      if (handled === 0 && !this.stopping) await this.wake.wait(this.settings.pollIntervalMs);
    }
  }
}
