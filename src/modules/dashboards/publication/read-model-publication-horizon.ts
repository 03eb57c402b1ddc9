import type { Client } from '@elastic/elasticsearch';
import { Period } from '../../../kernel/period';
import type { Clock } from '../../../platform/cqrs/clock';
import { horizonOf } from '../domain/published-months';
import type { IndexSet } from '../elasticsearch/read-model-indexes';
import type { PublicationHorizon } from './publication-horizon';

/**
 * The horizon as the read model sees it: the latest month in which any partner (active or not)
 * has a figure, from the country monthly trend documents (a few per month, so the maximum is
 * cheap), and never after the clock's current month in Korea.
 */
export class ReadModelPublicationHorizon implements PublicationHorizon {
  constructor(
    private readonly client: Client,
    private readonly indexes: IndexSet,
    private readonly clock: Clock,
  ) {}

  async publishedThrough(): Promise<Period | null> {
    const response = await this.client.search({
      index: this.indexes['monthly-trends'],
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ term: { kind: 'country' } }, { range: { factCount: { gt: 0 } } }] } },
      aggs: { latest: { max: { field: 'period', format: 'yyyy-MM' } } },
    });
    const latest = (response.aggregations?.latest as { value_as_string?: string } | undefined)?.value_as_string;
    return horizonOf(latest === undefined ? null : Period.parse(latest, 'publishedThrough'), this.clock.now());
  }
}
