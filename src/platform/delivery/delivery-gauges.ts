import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { SqlPool as Pool } from '../database/pg-pool';
import { Gauge, type Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { perScrape } from '../metrics/per-scrape';
import { backlogAfter, type Backlog } from '../event-log/log-positions';
import { LOG_START } from '../event-log/log-cursor';
import { readCheckpoint } from '../relay/relay-checkpoint';
import { RelayHost } from '../relay/relay.host';
import { withTimeout } from '../concurrency/with-timeout';

/**
 * Gauges read when Prometheus scrapes: relay lag (events after the checkpoint, and the age of the
 * oldest of them), parked keys and messages, and each queue's depth as the broker reports it.
 * They read shared state (the database, the broker), so every instance reports the same values
 * whichever one holds the relay lease; `exportstats_relay_active` says which one does.
 */
@Injectable()
export class DeliveryGauges implements OnApplicationShutdown {
  private probe: ChannelWrapper | null = null;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) private readonly topology: BrokerTopology,
    @Inject(PG_POOL) pool: Pool,
    private readonly amqp: AmqpConnection,
    relay: RelayHost,
  ) {
    const registers = [registry];
    // One read per scrape serves both gauges of a pair (prom-client collects them one by one).
    const lag = perScrape(() => deliveryLag(pool, config.RELAY_NAME), { events: Number.NaN, seconds: Number.NaN });
    const parked = perScrape(() => parkedTotals(pool, config.BROKER_PREFIX), { keys: Number.NaN, messages: Number.NaN });
    new Gauge({ name: 'exportstats_relay_active', help: '1 while this instance holds the relay lease', registers, collect() {
      this.set(relay.relay.active ? 1 : 0);
    } });
    new Gauge({ name: 'exportstats_relay_lag_events', help: 'Events after the relay checkpoint (saturates at 100000)', registers, async collect() {
      this.set((await lag()).events);
    } });
    new Gauge({ name: 'exportstats_relay_lag_seconds', help: 'Age of the oldest event the relay has not published yet; 0 when caught up', registers, async collect() {
      this.set((await lag()).seconds);
    } });
    new Gauge({ name: 'exportstats_parked_keys', help: 'Keys currently parked', registers, async collect() {
      this.set((await parked()).keys);
    } });
    new Gauge({ name: 'exportstats_parked_messages', help: 'Messages currently in the parking store', registers, async collect() {
      this.set((await parked()).messages);
    } });
    const depths = () => this.queueDepths();
    new Gauge({ name: 'exportstats_queue_depth', help: 'Messages ready in a queue, as the broker reports it', labelNames: ['queue'], registers, async collect() {
      for (const [queue, depth] of await depths()) this.set({ queue }, depth);
    } });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.probe?.close().catch(() => undefined);
  }

  /** Passive queue checks on a channel of their own; a failed check costs only that channel. */
  private async queueDepths(): Promise<Map<string, number>> {
    const depths = new Map<string, number>();
    if (!this.config.RELAY_ENABLED && !this.config.CONSUMERS_ENABLED) return depths;
    for (const queue of consumedQueues(this.topology)) {
      try {
        this.probe ??= this.amqp.managedConnection.createChannel({ name: 'delivery:metrics', confirm: false });
        const probe = this.probe;
        // A scrape must answer even while the broker is away.
        const check = probe.waitForConnect().then(() => probe.checkQueue(queue));
        depths.set(queue, (await withTimeout(check, 2000, `checking ${queue}`)).messageCount);
      } catch {
        depths.set(queue, Number.NaN);
        await this.probe?.close().catch(() => undefined);
        this.probe = null;
      }
    }
    return depths;
  }
}

/** The log after the relay's checkpoint (all of it before the relay's first run). */
async function deliveryLag(pool: Pool, relayName: string): Promise<Backlog> {
  return backlogAfter(pool, (await readCheckpoint(pool, relayName)) ?? LOG_START);
}

async function parkedTotals(pool: Pool, scope: string): Promise<{ keys: number; messages: number }> {
  const { rows } = await pool.query<{ keys: number; messages: number }>(
    `select (select count(*) from parked_key where scope = $1)::int as keys,
            (select count(*) from parked_message where scope = $1)::int as messages`,
    [scope],
  );
  return rows[0];
}
