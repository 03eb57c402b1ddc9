import { randomBytes, randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { MessageHandler } from '../../src/platform/delivery/message-handler';
import type { BrokerTopology } from '../../src/platform/messaging/broker-topology';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { declareTopology, deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { OutboxRelay, type RelayObserver } from '../../src/platform/relay/outbox-relay';
import { deleteRelayState, startCheckpointAtHead } from '../../test/support/relay-state';
import { relaySettings } from '../../src/platform/relay/relay-settings';
import { startConsumerInstance } from '../../test/support/delivery-harness';
import { BENCH_DATABASE_URL } from './bench-database';

/**
 * A delivery pipeline of its own on the bench database: unique broker prefix, relay name and
 * stream-id prefix, all removed by `cleanUp`, so it can run beside the app and leaves nothing.
 */
export class DeliveryRig {
  readonly config: AppConfig;
  readonly topology: BrokerTopology;
  readonly db: Pool;
  readonly streamPrefix = `statistic:XB-${randomBytes(4).toString('hex')}`;
  private readonly relays: OutboxRelay[] = [];
  private readonly consumers: Awaited<ReturnType<typeof startConsumerInstance>>[] = [];

  constructor(overrides: Record<string, string> = {}) {
    const tag = randomBytes(3).toString('hex');
    this.config = loadConfig({
      ...process.env,
      DATABASE_URL: BENCH_DATABASE_URL,
      LOG_LEVEL: 'warn',
      BROKER_PREFIX: `bench-${tag}`,
      RELAY_NAME: `bench-${tag}`,
      ...overrides,
    });
    this.topology = topologyFromConfig(this.config);
    this.db = new Pool({ connectionString: this.config.DATABASE_URL, max: 8 });
  }

  async declare(): Promise<void> {
    await declareTopology(this.config.RABBITMQ_URL, this.topology, 10_000);
    await startCheckpointAtHead(this.db, this.config.RELAY_NAME);
  }

  startRelay(observer: RelayObserver): OutboxRelay {
    const relay = new OutboxRelay(relaySettings(this.config, this.topology), observer);
    relay.start();
    this.relays.push(relay);
    return relay;
  }

  async stopRelays(): Promise<void> {
    await Promise.all(this.relays.splice(0).map((relay) => relay.stop()));
  }

  async startConsumers(handler: MessageHandler): Promise<void> {
    this.consumers.push(await startConsumerInstance(this.config, this.topology, this.db, [handler]));
  }

  /** Inserts events in one statement on `client` (the caller owns the transaction). */
  async insert(client: Pool | PoolClient, first: number, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    // 2,000 keys, each written in version order: event n is version floor(n / 2000) + 1 of key n % 2000.
    const keys = Array.from({ length: count }, (_, i) => `${this.streamPrefix}-${(first + i) % 2000}-2026-01`);
    const versions = Array.from({ length: count }, (_, i) => Math.floor((first + i) / 2000) + 1);
    await client.query(
      `insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
       select e.id, e.stream_id, e.version, 'ExportStatisticRecorded', 1,
              jsonb_build_object('countryCode', 'CN', 'hsCode', '8518309000', 'period', '2026-01', 'valueUsd', '50463.00', 'weightKg', '539.000'),
              '{"correlationId":"bench","causationId":null,"actor":"bench"}', now()
       from unnest($1::uuid[], $2::text[], $3::int[]) as e(id, stream_id, version)`,
      [ids, keys, versions],
    );
    return ids;
  }

  async ring(): Promise<void> {
    await this.db.query(`select pg_notify('event_log', '')`);
  }

  async cleanUp(): Promise<void> {
    await this.stopRelays();
    for (const { group, amqp } of this.consumers.splice(0)) {
      await group.stop();
      await amqp.close();
    }
    await deleteTopology(this.config.RABBITMQ_URL, this.topology).catch(() => undefined);
    await this.db.query('delete from event_log where stream_id like $1', [`${this.streamPrefix}-%`]);
    await deleteRelayState(this.db, this.config.RELAY_NAME);
    for (const table of ['parked_message', 'parked_key', 'parking_log']) {
      await this.db.query(`delete from ${table} where scope = $1`, [this.config.BROKER_PREFIX]);
    }
    await this.db.end();
  }
}
