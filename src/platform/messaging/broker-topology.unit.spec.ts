import { assertShardCount, brokerTopology, quorumQueueArguments, ShardCountMismatchError } from './broker-topology';

describe('broker topology (unit)', () => {
  it('derives every name from the prefix', () => {
    expect(brokerTopology('run-7', 2, 10)).toEqual({
      prefix: 'run-7',
      statisticsExchange: 'run-7.statistics',
      referenceExchange: 'run-7.reference',
      shardQueues: ['run-7.statistics.shard-0', 'run-7.statistics.shard-1'],
      referenceQueue: 'run-7.reference.events',
      processQueue: 'run-7.processes',
      notificationsExchange: 'run-7.notifiable',
      notificationsQueue: 'run-7.notifications',
      deliveryLimit: 10,
    });
  });

  it('declares quorum queues with one active consumer and the delivery limit', () => {
    expect(quorumQueueArguments(10)).toEqual({ 'x-queue-type': 'quorum', 'x-single-active-consumer': true, 'x-delivery-limit': 10 });
  });

  it('accepts a fresh broker and the same shard count', () => {
    expect(() => assertShardCount('p', 0, 4)).not.toThrow();
    expect(() => assertShardCount('p', 4, 4)).not.toThrow();
  });

  it('refuses another shard count and points to the drain-and-switch procedure', () => {
    expect(() => assertShardCount('p', 8, 4)).toThrow(ShardCountMismatchError);
    expect(() => assertShardCount('p', 2, 4)).toThrow(/docs\/operations\/changing-shard-count\.md.*SHARD_COUNT=2/);
  });
});
