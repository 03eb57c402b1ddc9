import { randomInt, randomUUID } from 'node:crypto';
import { DeliveryHarness, eventually, insertSql, insertValues, sleep } from '../../../test/support/delivery-harness';
import { QueueCollector } from '../../../test/support/queue-collector';

/**
 * The relay against the real PostgreSQL and RabbitMQ. Each test owns its topology, relay name
 * and streams (DeliveryHarness), so the log may hold anything else: assertions look at ours only.
 */
describe('outbox relay (int)', () => {
  let harness: DeliveryHarness;
  let collector: QueueCollector;

  beforeEach(async () => {
    harness = new DeliveryHarness();
    await harness.declareTopology();
    collector = new QueueCollector();
    await collector.start(harness.config.RABBITMQ_URL, [...harness.topology.shardQueues, harness.topology.referenceQueue]);
  });

  afterEach(async () => {
    await collector.stop();
    await harness.cleanUp();
  });

  it('loses no late commit: 16 concurrent writers, some holding their transaction open, 20,000 events, each published once in log order', async () => {
    await harness.startRelay();
    const writers = 16;
    const perWriter = 1250;

    await Promise.all(Array.from({ length: writers }, (_, writer) => write(harness, writer, perWriter)));

    const ours = await harness.db.query<{ event_id: string }>(
      'select event_id::text from event_log where stream_id like $1 order by transaction_id, position',
      [`${harness.streamPrefix}-%`],
    );
    const rank = new Map(ours.rows.map((row, index) => [row.event_id, index]));
    expect(rank.size).toBe(writers * perWriter);
    const arrived = () => collector.received.filter((message) => rank.has(message.messageId)).length;
    expect(await eventually(() => arrived() >= rank.size, 90_000)).toBe(true);
    await sleep(1000); // anything published twice would arrive by now

    const received = collector.received.filter((message) => rank.has(message.messageId));
    expect(received).toHaveLength(rank.size);
    expect(new Set(received.map((message) => message.messageId)).size).toBe(rank.size);
    for (const queue of harness.topology.shardQueues) {
      const order = received.filter((message) => message.queue === queue).map((message) => rank.get(message.messageId) ?? -1);
      expect(order.length).toBeGreaterThan(0);
      expect(isIncreasing(order)).toBe(true);
    }
  }, 180_000);

  it('keeps waking on NOTIFY after its LISTEN connection is killed', async () => {
    await harness.startRelay({ pollIntervalMs: 60_000, heartbeatIntervalMs: 60_000, leaseTimeoutMs: 120_000 });
    const first = await harness.append([{ streamId: harness.streamId('wake'), version: 1 }]);
    expect(await eventually(() => collector.received.some((message) => message.messageId === first[0]), 10_000)).toBe(true);

    await harness.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [
      `relay-listen:${harness.config.RELAY_NAME}`,
    ]);
    await sleep(1500); // the listener reconnects after 250 ms
    // Polling is once a minute here, so the event arriving within the wait below can only be the
    // NOTIFY waking the relay.
    const second = await harness.append([{ streamId: harness.streamId('wake'), version: 2 }]);

    expect(await eventually(() => collector.received.some((message) => message.messageId === second[0]), 10_000)).toBe(true);
  }, 30_000);

  it('has one active relay per name; when it stops, a standby takes over from the checkpoint and loses nothing', async () => {
    const first = await harness.startRelay();
    const second = await harness.startRelay();
    expect(await eventually(() => first.active || second.active, 10_000)).toBe(true);
    const [active, standby] = first.active ? [first, second] : [second, first];
    expect(standby.active).toBe(false);

    const before = await harness.append(Array.from({ length: 500 }, (_, i) => ({ streamId: harness.streamId(i % 50), version: Math.floor(i / 50) + 1 })));
    await active.stop();
    const after = await harness.append(Array.from({ length: 500 }, (_, i) => ({ streamId: harness.streamId(i % 50), version: Math.floor(i / 50) + 11 })));

    const ids = new Set([...before, ...after]);
    expect(await eventually(() => new Set(collector.received.map((message) => message.messageId).filter((id) => ids.has(id))).size === ids.size, 20_000)).toBe(true);
    expect(standby.active).toBe(true);
  }, 40_000);
});

/** One writer: transactions of 1-100 events, one in eight held open for 1-1.5 s before it commits. */
async function write(harness: DeliveryHarness, writer: number, total: number): Promise<void> {
  let version = 0;
  while (version < total) {
    const size = Math.min(randomInt(1, 101), total - version);
    const events = Array.from({ length: size }, (_, i) => ({ streamId: harness.streamId(`w${writer}-s${(version + i) % 7}`), version: Math.floor((version + i) / 7) + 1 }));
    const client = await harness.db.connect();
    try {
      await client.query('begin');
      await client.query(insertSql, insertValues(events, events.map(() => randomUUID())));
      if (randomInt(8) === 0) await sleep(1000 + randomInt(500));
      await client.query('commit');
    } finally {
      client.release();
    }
    await harness.db.query(`select pg_notify('event_log', '')`);
    version += size;
  }
}

function isIncreasing(values: readonly number[]): boolean {
  return values.every((value, index) => index === 0 || values[index - 1] < value);
}
