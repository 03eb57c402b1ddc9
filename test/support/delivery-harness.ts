import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import type { LoggerService } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { AppConfig } from '../../src/config/app-config';
import { ConsumerGroup } from '../../src/platform/delivery/consumer-group';
import type { DeliveryObserver } from '../../src/platform/delivery/delivery-observer';
import { BatchApplier, type ContextRunner } from '../../src/platform/delivery/batch-applier';
import { ParkedKeyReplayer } from '../../src/platform/delivery/parking/parked-key-replayer';
import { Stopper } from '../../src/platform/concurrency/stopper';
import { consumerGroupSettings, retryPolicy } from '../../src/platform/delivery/consumers.host';
import type { MessageHandler } from '../../src/platform/delivery/message-handler';
import type { BrokerTopology } from '../../src/platform/messaging/broker-topology';
import { consumerChannels, topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { declareTopology, deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { OutboxRelay } from '../../src/platform/relay/outbox-relay';
import { relaySettings } from '../../src/platform/relay/relay-settings';
import { deleteRelayState, startCheckpointAtHead } from './relay-state';
import { testConfig, uniqueName } from './test-config';

/**
 * A delivery pipeline of its own for one test file: a unique broker prefix (topology), relay name
 * and stream-id prefix, so it can run beside the app and other runs, and `cleanUp` removes all of
 * it. Relays and consumer instances are built directly, several per process when a test needs them.
 */
export class DeliveryHarness {
  readonly config: AppConfig;
  readonly topology: BrokerTopology;
  readonly db: Pool;
  /** Every stream this harness writes starts with this; events are deleted by it. */
  readonly streamPrefix = `statistic:XT-${randomBytes(4).toString('hex')}`;
  private readonly relays: OutboxRelay[] = [];
  private readonly instances: { group: ConsumerGroup; amqp: AmqpConnection }[] = [];

  constructor(overrides: Record<string, string> = {}) {
    this.config = testConfig({
      BROKER_PREFIX: uniqueName('test-delivery'),
      RELAY_ENABLED: 'true',
      CONSUMERS_ENABLED: 'true',
      RELAY_NAME: uniqueName('test-relay'),
      RELAY_POLL_INTERVAL_MS: '500',
      RELAY_HEARTBEAT_INTERVAL_MS: '500',
      RELAY_LEASE_TIMEOUT_MS: '3000',
      CONSUMER_RETRY_BASE_MS: '5',
      CONSUMER_RETRY_MAX_MS: '20',
      ...overrides,
    });
    this.topology = topologyFromConfig(this.config);
    this.db = new Pool({ connectionString: this.config.DATABASE_URL, max: 20 });
  }

  async declareTopology(): Promise<void> {
    await declareTopology(this.config.RABBITMQ_URL, this.topology, 10_000);
  }

  /** The relay starts at the current head of the log: it publishes only what is written after this. */
  async startRelay(overrides: Partial<ReturnType<typeof relaySettings>> = {}): Promise<OutboxRelay> {
    if (this.relays.length === 0) await startCheckpointAtHead(this.db, this.config.RELAY_NAME);
    const relay = new OutboxRelay({ ...relaySettings(this.config, this.topology), ...overrides });
    relay.start();
    this.relays.push(relay);
    return relay;
  }

  /** One application instance's consumers, on a broker connection of its own. */
  async startConsumers(handlers: readonly MessageHandler[], inContext: ContextRunner = (work) => work()): Promise<ConsumerGroup> {
    const instance = await startConsumerInstance(this.config, this.topology, this.db, handlers, inContext);
    this.instances.push(instance);
    return instance.group;
  }

  /** An operator's replayer, applying through the given handlers. */
  replayer(handlers: readonly MessageHandler[], inContext: ContextRunner = (work) => work()): ParkedKeyReplayer {
    return new ParkedKeyReplayer(this.db, this.config.BROKER_PREFIX, new BatchApplier(handlers, retryPolicy(this.config), inContext, new Stopper()));
  }

  async parkedMessages(key: string): Promise<{ reason: string; streamVersion: number | null; errors: string[] }[]> {
    const { rows } = await this.db.query(
      `select reason, (envelope->>'streamVersion')::int as "streamVersion", array(select jsonb_array_elements_text(errors)) as errors
       from parked_message where scope = $1 and key = $2 order by seq`,
      [this.config.BROKER_PREFIX, key],
    );
    return rows;
  }

  async stopConsumers(group: ConsumerGroup): Promise<void> {
    const index = this.instances.findIndex((instance) => instance.group === group);
    const [instance] = this.instances.splice(index, 1);
    await instance.group.stop();
    await instance.amqp.close();
  }

  streamId(key: string | number): string {
    return `${this.streamPrefix}-${key}-2026-01`;
  }

  /** Appends events in one transaction, rings the doorbell after commit, returns their ids. */
  async append(events: readonly { streamId: string; version: number; type?: string }[]): Promise<string[]> {
    const ids = events.map(() => randomUUID());
    await this.db.query(insertSql, insertValues(events, ids));
    await this.db.query(`select pg_notify('event_log', '')`);
    return ids;
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.relays.map((relay) => relay.stop()));
    for (const instance of [...this.instances]) await this.stopConsumers(instance.group);
    await deleteTopology(this.config.RABBITMQ_URL, this.topology).catch(() => undefined);
    await this.db.query('delete from event_log where stream_id like $1', [`${this.streamPrefix}-%`]);
    await deleteRelayState(this.db, this.config.RELAY_NAME);
    await this.db.query('delete from parked_message where scope = $1', [this.config.BROKER_PREFIX]);
    await this.db.query('delete from parked_key where scope = $1', [this.config.BROKER_PREFIX]);
    await this.db.query('delete from parking_log where scope = $1', [this.config.BROKER_PREFIX]);
    await this.db.end();
  }
}

export const insertSql = `
  insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
  select e.id, e.stream_id, e.version, e.type, 1, e.data, '{"correlationId":"test","causationId":null,"actor":"test"}', now()
  from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[]) as e(id, stream_id, version, type, data)`;

export function insertValues(events: readonly { streamId: string; version: number; type?: string }[], ids: readonly string[]): unknown[] {
  return [
    ids,
    events.map((event) => event.streamId),
    events.map((event) => event.version),
    events.map((event) => event.type ?? 'ExportStatisticRecorded'),
    events.map((event) => JSON.stringify({ version: event.version })),
  ];
}

/**
 * What one application instance runs to consume, outside Nest: its own broker connection and a
 * consumer group on the configured queues, subscribed. Stop the group, then close the connection.
 */
export async function startConsumerInstance(
  config: AppConfig,
  topology: BrokerTopology,
  db: Pool,
  handlers: readonly MessageHandler[],
  inContext: ContextRunner = (work) => work(),
): Promise<{ group: ConsumerGroup; amqp: AmqpConnection }> {
  const amqp = new AmqpConnection({
    uri: config.RABBITMQ_URL,
    channels: consumerChannels(config),
    connectionInitOptions: { wait: true, timeout: 10_000, reject: true },
    connectionManagerOptions: { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 },
    registerHandlers: false,
    enableDirectReplyTo: false,
    logger: QUIET,
  });
  await amqp.init();
  const group = new ConsumerGroup(consumerGroupSettings(config, topology, 10_000), { amqp, pool: db, handlers, inContext, observer: SILENT_OBSERVER });
  await group.start();
  return { group, amqp };
}

const SILENT_OBSERVER: DeliveryObserver = { processed: () => undefined, retried: () => undefined, parked: () => undefined };
const QUIET: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };

/** Polls until `done` holds or the time is up; returns whether it held. */
export async function eventually(done: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return done();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
