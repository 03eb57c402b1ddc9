import type { BrokerTopology } from '../broker-topology';

const STATISTIC_STREAM_PREFIX = 'statistic:';

export interface Route {
  readonly exchange: string;
  readonly routingKey: string;
}

/**
 * A statistic's stream id is `statistic:<country>-<hs>-<yyyy>-<mm>`, and that suffix is the
 * routing key: the hash exchange sends every event of one statistic to the same shard queue.
 * Country, catalogue (and any other) streams take the fan-out path; their routing key is the
 * stream id, which a fan-out exchange ignores but keeps for the logs.
 */
export function routeFor(streamId: string, topology: BrokerTopology): Route {
  if (streamId.startsWith(STATISTIC_STREAM_PREFIX) && streamId.length > STATISTIC_STREAM_PREFIX.length) {
    return { exchange: topology.statisticsExchange, routingKey: streamId.slice(STATISTIC_STREAM_PREFIX.length) };
  }
  return { exchange: topology.referenceExchange, routingKey: streamId };
}
