import { brokerTopology } from '../broker-topology';
import { routeFor } from './event-routing';

describe('event routing (unit)', () => {
  const topology = brokerTopology('exportstats', 4, 10);

  it('sends a statistic to the hash exchange keyed by <country>-<hs>-<yyyy>-<mm>', () => {
    expect(routeFor('statistic:CN-8518309000-2026-08', topology)).toEqual({
      exchange: 'exportstats.statistics',
      routingKey: 'CN-8518309000-2026-08',
    });
  });

  it.each(['country:KR', 'product:851830', 'statistic:', 'something-else'])('sends %s down the fan-out path', (streamId) => {
    expect(routeFor(streamId, topology)).toEqual({ exchange: 'exportstats.reference', routingKey: streamId });
  });
});
