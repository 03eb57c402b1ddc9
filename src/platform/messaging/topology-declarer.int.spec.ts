import { testConfig, uniqueName } from '../../../test/support/test-config';
import { brokerTopology, ShardCountMismatchError } from './broker-topology';
import { declareTopology, deleteTopology } from './topology-declarer';
import { notifiableTypes } from './wire/notifiable-events';

/** Reads what the broker holds through the management API (enabled on every broker we run). */
async function management<T>(path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:15672/api/${path}`, {
    headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
  });
  if (!response.ok) throw new Error(`management API ${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('broker topology declaration (int)', () => {
  const { RABBITMQ_URL } = testConfig();
  const prefix = uniqueName('test-topology');
  const topology = brokerTopology(prefix, 4, 7);

  afterAll(() => deleteTopology(RABBITMQ_URL, topology));

  it('declares quorum single-active-consumer shard queues, each bound to the hash exchange with weight 1, idempotently', async () => {
    await declareTopology(RABBITMQ_URL, topology, 5000);
    await declareTopology(RABBITMQ_URL, topology, 5000);

    const queue = await management<{ type: string; durable: boolean; arguments: Record<string, unknown> }>(
      `queues/%2F/${encodeURIComponent(topology.shardQueues[0])}`,
    );
    expect(queue).toMatchObject({
      type: 'quorum',
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-single-active-consumer': true, 'x-delivery-limit': 7 },
    });
    const bindings = await management<{ destination: string; routing_key: string }[]>(
      `exchanges/%2F/${encodeURIComponent(topology.statisticsExchange)}/bindings/source`,
    );
    expect(bindings.map(({ destination, routing_key }) => [destination, routing_key]).sort()).toEqual(
      topology.shardQueues.map((name) => [name, '1']),
    );
    const exchange = await management<{ type: string; durable: boolean }>(`exchanges/%2F/${encodeURIComponent(topology.statisticsExchange)}`);
    expect(exchange).toMatchObject({ type: 'x-consistent-hash', durable: true });
  });

  it('binds the notifications queue to the notifiable exchange by event type, and to nothing on the hash ring', async () => {
    await declareTopology(RABBITMQ_URL, topology, 5000);

    const exchange = await management<{ type: string; durable: boolean }>(`exchanges/%2F/${encodeURIComponent(topology.notificationsExchange)}`);
    expect(exchange).toMatchObject({ type: 'topic', durable: true });
    const bindings = await management<{ destination: string; routing_key: string }[]>(
      `exchanges/%2F/${encodeURIComponent(topology.notificationsExchange)}/bindings/source`,
    );
    expect(bindings.map(({ destination, routing_key }) => [destination, routing_key]).sort()).toEqual(
      notifiableTypes()
        .sort()
        .map((type) => [topology.notificationsQueue, type]),
    );
    const queue = await management<{ type: string; arguments: Record<string, unknown> }>(`queues/%2F/${encodeURIComponent(topology.notificationsQueue)}`);
    expect(queue).toMatchObject({ type: 'quorum', arguments: { 'x-single-active-consumer': true, 'x-delivery-limit': 7 } });
  });

  it('refuses to start with another shard count than the broker holds for the prefix', async () => {
    await expect(declareTopology(RABBITMQ_URL, brokerTopology(prefix, 8, 7), 5000)).rejects.toBeInstanceOf(ShardCountMismatchError);
    await expect(declareTopology(RABBITMQ_URL, brokerTopology(prefix, 2, 7), 5000)).rejects.toThrow(
      /already has 4 shard queues .* but SHARD_COUNT is 2/,
    );
  });
});
