import type { Client } from '@elastic/elasticsearch';
import type { MsearchRequestItem } from '@elastic/elasticsearch/lib/api/types';
import { Period } from '../../../../kernel/period';
import { unitsFromSum } from '../../domain/exact-units';

/** Per month (`YYYY-MM`), the value in cents of each (partner, chapter) pair (`CN-85`) with an active fact. */
export type PairFigures = Map<string, Map<string, number>>;

const MONTHS_PER_REQUEST = 25;

type PairBuckets = { buckets: { key: string; chapters: { buckets: { key: string; doc_count: number; value: { value: number | null } }[] } }[] };

/**
 * The (partner, chapter) values of some months, from the refreshed facts: one search per month,
 * restricted to the partners and chapters asked for. A pair without an active fact in a month is
 * absent from it (no history), which is not the same as a fact of value 0. Inactive countries are
 * kept: an anomaly is about the partner's own trade, as its country summary is.
 */
export async function readPairMonths(
  client: Client,
  factsIndex: string,
  months: readonly string[],
  scope: { countries: readonly string[]; chapters: readonly string[] },
): Promise<PairFigures> {
  const figures: PairFigures = new Map();
  for (let start = 0; start < months.length; start += MONTHS_PER_REQUEST) {
    const part = months.slice(start, start + MONTHS_PER_REQUEST);
    const response = await client.msearch({
      index: factsIndex,
      searches: part.flatMap((period): MsearchRequestItem[] => {
        const { year, month } = Period.parse(period);
        return [
          {},
          {
            size: 0,
            track_total_hits: false,
            query: {
              bool: {
                filter: [
                  { term: { year } },
                  { term: { month } },
                  { term: { status: 'active' } },
                  { terms: { countryCode: [...scope.countries] } },
                  { terms: { chapterCode: [...scope.chapters] } },
                ],
              },
            },
            aggs: {
              countries: {
                terms: { field: 'countryCode', size: Math.max(1, scope.countries.length) },
                aggs: {
                  chapters: {
                    terms: { field: 'chapterCode', size: Math.max(1, scope.chapters.length) },
                    aggs: { value: { sum: { field: 'valueUsdCents' } } },
                  },
                },
              },
            },
          },
        ];
      }),
    });
    response.responses.forEach((answer, i) => {
      if ('error' in answer) throw new Error(`aggregating the pairs of ${part[i]} failed: ${answer.error.reason}`);
      const pairs = new Map<string, number>();
      for (const country of (answer.aggregations!.countries as PairBuckets).buckets) {
        for (const chapter of country.chapters.buckets) {
          if (chapter.doc_count > 0) pairs.set(`${country.key}-${chapter.key}`, unitsFromSum(chapter.value.value));
        }
      }
      figures.set(part[i], pairs);
    });
  }
  return figures;
}
