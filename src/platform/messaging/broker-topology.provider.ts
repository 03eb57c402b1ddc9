import type { RabbitMQChannels } from '@golevelup/nestjs-rabbitmq';
import type { AppConfig } from '../../config/app-config';
import { brokerTopology, consumedQueues, consumerChannelName, type BrokerTopology } from './broker-topology';

export const BROKER_TOPOLOGY = Symbol('BROKER_TOPOLOGY');

export function topologyFromConfig(config: AppConfig): BrokerTopology {
  return brokerTopology(config.BROKER_PREFIX, config.SHARD_COUNT, config.QUEUE_DELIVERY_LIMIT);
}

/**
 * A channel per consumed queue, each with the consumer prefetch: a channel error (or a slow
 * queue) then affects one shard, and the prefetch bounds what one shard holds unacknowledged.
 */
export function consumerChannels(config: AppConfig): RabbitMQChannels {
  if (!config.CONSUMERS_ENABLED) return {};
  const topology = topologyFromConfig(config);
  const queues = [...consumedQueues(topology), topology.notificationsQueue, ...(config.PROCESS_MANAGER_ENABLED ? [topology.processQueue] : [])];
  return Object.fromEntries(queues.map((queue) => [consumerChannelName(queue), { prefetchCount: config.CONSUMER_PREFETCH }]));
}
