/**
 * Every broker object of one deployment, named from its prefix. Statistic events go through a
 * consistent-hash exchange to a fixed set of shard queues; country and catalogue events through a
 * fan-out exchange to one queue. All queues are quorum queues with a single active consumer, so
 * however many instances subscribe, one consumes each queue, in order (docs/delivery.md).
 */
export interface BrokerTopology {
  readonly prefix: string;
  readonly statisticsExchange: string;
  readonly referenceExchange: string;
  readonly shardQueues: readonly string[];
  readonly referenceQueue: string;
  /** The process manager's own copy of the fan-out stream (ADR 0012): its consumer, its order, its parking. */
  readonly processQueue: string;
  /** A topic exchange (routing key: the event type) receiving a copy of each notifiable event. */
  readonly notificationsExchange: string;
  /** Consumed by the notifications module only, never by the projections (not in consumedQueues). */
  readonly notificationsQueue: string;
  readonly deliveryLimit: number;
}

/** The x-consistent-hash binding key is the queue's weight on the hash ring, not a pattern. */
export const SHARD_WEIGHT = '1';

export function brokerTopology(prefix: string, shardCount: number, deliveryLimit: number): BrokerTopology {
  return {
    prefix,
    statisticsExchange: `${prefix}.statistics`,
    referenceExchange: `${prefix}.reference`,
    shardQueues: Array.from({ length: shardCount }, (_, shard) => shardQueueName(prefix, shard)),
    referenceQueue: `${prefix}.reference.events`,
    processQueue: `${prefix}.processes`,
    notificationsExchange: `${prefix}.notifiable`,
    notificationsQueue: `${prefix}.notifications`,
    deliveryLimit,
  };
}

export function shardQueueName(prefix: string, shard: number): string {
  return `${prefix}.statistics.shard-${shard}`;
}

export function consumedQueues(topology: BrokerTopology): string[] {
  return [...topology.shardQueues, topology.referenceQueue];
}

/** The channel a queue's consumer uses; each has its own prefetch (messaging.module.ts). */
export function consumerChannelName(queue: string): string {
  return `delivery:${queue}`;
}

/**
 * Quorum queues replicate and survive broker restarts; single active consumer keeps one consumer
 * per queue however many instances subscribe; the delivery limit ends crash loops (a message the
 * broker handed out that often is parked by the consumer, see decode-delivery.ts).
 */
export function quorumQueueArguments(deliveryLimit: number): Record<string, string | number | boolean> {
  return { 'x-queue-type': 'quorum', 'x-single-active-consumer': true, 'x-delivery-limit': deliveryLimit };
}

export class ShardCountMismatchError extends Error {
  constructor(
    readonly prefix: string,
    readonly existing: number,
    readonly configured: number,
  ) {
    super(
      `the broker already has ${existing} shard queues for prefix "${prefix}" but SHARD_COUNT is ${configured}. ` +
        `Changing the shard count moves keys between queues and would break per-key order: follow ` +
        `docs/operations/changing-shard-count.md (drain, then switch), or set SHARD_COUNT=${existing}.`,
    );
    this.name = 'ShardCountMismatchError';
  }
}

/** `existing` counts the shard queues 0..n-1 found on the broker; 0 means a fresh broker. */
export function assertShardCount(prefix: string, existing: number, configured: number): void {
  if (existing !== 0 && existing !== configured) throw new ShardCountMismatchError(prefix, existing, configured);
}
