import type { Client } from '@elastic/elasticsearch';
import { Period } from '../../../kernel/period';
import type { IndexSet } from '../elasticsearch/read-model-indexes';

/**
 * The latest month in which any partner (active or not) has a figure, from the country monthly
 * trend documents (a few per month, so the maximum is cheap). The fallback horizon while no
 * import of every chapter has completed (sample data, statistics recorded by hand, tests).
 */
export class ReadModelLatestMonth {
  constructor(
    private readonly client: Client,
    private readonly indexes: IndexSet,
  ) {}

  async latestMonthWithFigures(): Promise<Period | null> {
    const response = await this.client.search({
      index: this.indexes['monthly-trends'],
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ term: { kind: 'country' } }, { range: { factCount: { gt: 0 } } }] } },
      aggs: { latest: { max: { field: 'period', format: 'yyyy-MM' } } },
    });
    const latest = (response.aggregations?.latest as { value_as_string?: string } | undefined)?.value_as_string;
    return latest === undefined ? null : Period.parse(latest, 'publishedThrough');
  }
}
