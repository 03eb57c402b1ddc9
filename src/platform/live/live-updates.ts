import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL, type SqlPool } from '../database/pg-pool';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { LiveHub, type LiveSelector } from './live-hub';
import { ChannelListener } from '../database/channel-listener';
import { liveChannelName, liveNotification, packLiveMessages, parseLiveMessage } from './live-notification';
import type { LiveStream } from './live-stream';

/**
 * Live updates across instances: a context publishes a topic's payload with PostgreSQL NOTIFY on
 * the deployment's channel, every instance LISTENs on it (one connection each) and hands what
 * arrives to its own subscribers (ADR 0010). Publishing costs one statement and never waits for a
 * subscriber; a lost message is lost (subscribers re-query what they must not miss).
 */
@Injectable()
export class LiveUpdates implements OnModuleInit, BeforeApplicationShutdown {
  readonly channel: string;
  readonly hub: LiveHub;
  private readonly listener: ChannelListener;
  private readonly logger = new Logger('LiveUpdates');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    this.channel = liveChannelName(config.BROKER_PREFIX);
    const dropped = registry && new Counter({ name: 'exportstats_live_dropped_total', help: 'Live messages dropped from full subscriber queues (slow clients)', registers: [registry] });
    this.hub = new LiveHub({
      bufferSize: config.SUBSCRIPTION_BUFFER_SIZE,
      maxPerConnection: config.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      onDrop: () => dropped?.inc(),
    });
    this.listener = new ChannelListener(config.DATABASE_URL, liveListenerName(config.BROKER_PREFIX), this.channel, (payload) => {
      const message = parseLiveMessage(payload);
      for (const data of message?.data ?? []) this.hub.deliver(message!.topic, data);
    });
    if (registry) this.registerGauges(registry);
  }

  private registerGauges(registry: Registry): void {
    const registers = [registry];
    const hub = this.hub;
    const listener = this.listener;
    new Gauge({ name: 'exportstats_live_subscribers', help: 'GraphQL subscriptions held by this instance', registers, collect() {
      this.set(hub.size);
    } });
    new Gauge({ name: 'exportstats_live_connections', help: 'WebSocket connections holding at least one subscription on this instance', registers, collect() {
      this.set(hub.connections);
    } });
    new Gauge({ name: 'exportstats_live_listening', help: '1 while this instance LISTENs for live updates', registers, collect() {
      this.set(listener.listening ? 1 : 0);
    } });
  }

  /** Listening before the server accepts connections, so no early subscriber waits for nothing. */
  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  /** Sends each value to every instance's subscribers of `topic`; a failure is logged, never thrown at the publisher. */
  async publish(topic: string, values: readonly unknown[]): Promise<void> {
    try {
      for (const message of packLiveMessages(topic, values)) await this.pool.query(liveNotification(this.channel, message));
    } catch (error) {
      this.logger.warn(`live update on ${topic} not published: ${String(error)}`);
    }
  }

  /** The statement that publishes `value` when the caller's transaction commits (and never if it rolls back). */
  notification(topic: string, value: unknown): { text: string; values: string[] } {
    return liveNotification(this.channel, { topic, data: [value] });
  }

  subscribe<T extends object>(topic: string, select: LiveSelector<T>, connection: object): LiveStream<T> {
    return this.hub.subscribe(topic, select, connection);
  }
}

/** The listener's `application_name`, for operators (and tests) counting connections. */
export function liveListenerName(prefix: string): string {
  return `live-listen:${prefix}`.slice(0, 63);
}
