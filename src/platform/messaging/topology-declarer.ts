import { connect, type Channel, type ChannelModel } from 'amqplib';
import { notifiableTypes } from './wire/notifiable-events';
import { assertShardCount, quorumQueueArguments, SHARD_WEIGHT, shardQueueName, type BrokerTopology } from './broker-topology';

/** Shard counts are powers of two up to 64 (app-config.ts); probing one past that is enough. */
const MAX_PROBED_SHARDS = 65;

/**
 * Declares the topology idempotently, on a short-lived connection of its own: durable exchanges,
 * quorum shard queues bound with equal weight, the fan-out queue (and the processes' copy of it,
 * ADR 0012). Refuses to go on when the
 * broker already holds a different number of shard queues for this prefix, because re-binding
 * the hash ring would move keys between queues while messages are still queued (the guard is
 * explained in docs/operations/changing-shard-count.md).
 */
export async function declareTopology(url: string, topology: BrokerTopology, timeoutMs: number, options: { processes: boolean } = { processes: true }): Promise<void> {
  await withConnection(url, timeoutMs, async (connection) => {
    assertShardCount(topology.prefix, await existingShardCount(connection, topology.prefix), topology.shardQueues.length);
    const channel = await openChannel(connection);
    const queueOptions = { durable: true, arguments: quorumQueueArguments(topology.deliveryLimit) };
    try {
      await channel.assertExchange(topology.statisticsExchange, 'x-consistent-hash', { durable: true });
      await channel.assertExchange(topology.referenceExchange, 'fanout', { durable: true });
      for (const queue of topology.shardQueues) {
        await channel.assertQueue(queue, queueOptions);
        await channel.bindQueue(queue, topology.statisticsExchange, SHARD_WEIGHT);
      }
      await channel.assertQueue(topology.referenceQueue, queueOptions);
      await channel.bindQueue(topology.referenceQueue, topology.referenceExchange, '');
      await channel.assertExchange(topology.notificationsExchange, 'topic', { durable: true });
      await channel.assertQueue(topology.notificationsQueue, queueOptions);
      for (const type of notifiableTypes()) await channel.bindQueue(topology.notificationsQueue, topology.notificationsExchange, type);
      // Only where processes run: a queue nobody consumes would keep every country event forever.
      if (options.processes) {
        await channel.assertQueue(topology.processQueue, queueOptions);
        await channel.bindQueue(topology.processQueue, topology.referenceExchange, '');
      }
    } catch (error) {
      throw new Error(`cannot declare the broker topology for prefix "${topology.prefix}": ${String(error)}`);
    } finally {
      await channel.close().catch(() => undefined);
    }
  });
}

/** Removes everything declareTopology made; for tests and benchmarks, which own their prefix. */
export async function deleteTopology(url: string, topology: BrokerTopology, timeoutMs = 5000): Promise<void> {
  await withConnection(url, timeoutMs, async (connection) => {
    const channel = await openChannel(connection);
    for (const queue of [...topology.shardQueues, topology.referenceQueue, topology.notificationsQueue, topology.processQueue]) await channel.deleteQueue(queue);
    await channel.deleteExchange(topology.statisticsExchange);
    await channel.deleteExchange(topology.referenceExchange);
    await channel.deleteExchange(topology.notificationsExchange);
    await channel.close();
  });
}

/** How many of shard-0, shard-1, ... exist. A passive check of a missing queue closes its channel. */
async function existingShardCount(connection: ChannelModel, prefix: string): Promise<number> {
  let channel = await openChannel(connection);
  let count = 0;
  try {
    while (count < MAX_PROBED_SHARDS) {
      await channel.checkQueue(shardQueueName(prefix, count));
      count += 1;
    }
  } catch {
    channel = await openChannel(connection);
  }
  await channel.close().catch(() => undefined);
  return count;
}

async function withConnection<T>(url: string, timeoutMs: number, work: (connection: ChannelModel) => Promise<T>): Promise<T> {
  const connection = await connect(url, { timeout: timeoutMs });
  // A server-closed channel is reported on the connection too; here it is an expected answer.
  connection.on('error', () => undefined);
  try {
    return await work(connection);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function openChannel(connection: ChannelModel): Promise<Channel> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  return channel;
}
