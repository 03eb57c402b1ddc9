import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { testConfig, uniqueName } from '../support/test-config';

describe('RabbitMQ round trip through an x-consistent-hash exchange', () => {
  const config = testConfig();
  const exchange = uniqueName('test.rt.hash');
  const queues = [`${exchange}.q0`, `${exchange}.q1`];
  let connection: ChannelModel;
  let channel: ConfirmChannel;

  beforeAll(async () => {
    connection = await connect(config.RABBITMQ_URL);
    channel = await connection.createConfirmChannel();
    await channel.assertExchange(exchange, 'x-consistent-hash', { durable: false, autoDelete: false });
    for (const queue of queues) {
      await channel.assertQueue(queue, { durable: false, exclusive: true });
      // For this exchange type the binding key is the bucket weight.
      await channel.bindQueue(queue, exchange, '1');
    }
  });

  afterAll(async () => {
    await channel.deleteExchange(exchange);
    await connection.close();
  });

  it('confirms every publish and delivers each routing key to exactly one queue, always the same', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `CN-85183090${String(i).padStart(2, '0')}-2026-08`);
    const published = keys.flatMap((key) => [1, 2, 3].map((n) => ({ key, n })));
    for (const { key, n } of published) {
      channel.publish(exchange, key, Buffer.from(JSON.stringify({ key, n })), { persistent: true });
    }
    await channel.waitForConfirms();

    const received = await drain(channel, queues, published.length);

    const queuesPerKey = new Map<string, Set<string>>();
    for (const { queue, key } of received) queuesPerKey.set(key, (queuesPerKey.get(key) ?? new Set()).add(queue));
    expect(received).toHaveLength(published.length);
    expect([...queuesPerKey.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set(received.map(({ queue }) => queue)).size).toBe(2);
    for (const key of keys) {
      expect(received.filter((message) => message.key === key).map((message) => message.n)).toEqual([1, 2, 3]);
    }
  });
});

async function drain(
  channel: ConfirmChannel,
  queues: string[],
  expected: number,
): Promise<{ queue: string; key: string; n: number }[]> {
  const received: { queue: string; key: string; n: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${expected}`)), 10_000);
    for (const queue of queues) {
      void channel.consume(queue, (message) => {
        if (!message) return;
        received.push({ queue, ...JSON.parse(message.content.toString()) });
        channel.ack(message);
        if (received.length === expected) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
  return received;
}
