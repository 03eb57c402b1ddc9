import type { Client } from '@elastic/elasticsearch';
import { unitsFromSum } from '../domain/exact-units';
import type { MonthFigures } from '../domain/summary-figures';
import { parseScope, yearSummaryId } from '../domain/summary-scopes';
import type { IndexSet } from '../infrastructure/read-model-indexes';

// scopes x 12 months stays well under search.max_buckets (65,536).
const SCOPES_PER_SEARCH = 2_000;

/** Where the year summary of a scope lives: country scopes in country-summaries, HS scopes in product-summaries. */
export function yearDocumentTarget(indexes: IndexSet, scope: string, year: number): { index: string; id: string } {
  const parsed = parseScope(scope);
  const index = parsed.kind === 'country' ? indexes['country-summaries'] : indexes['product-summaries'];
  return { index, id: yearSummaryId(parsed, year) };
}

/**
 * The figures of the refreshed monthly trend documents of the scopes, keyed `<scope>/<year>`: at
 * most 12 each. Read as terms buckets (scope, then month) rather than as documents: an aggregation
 * over doc values is far cheaper than fetching thousands of sources.
 */
export async function readMonthFigures(
  client: Client,
  monthlyIndex: string,
  work: readonly (readonly [year: number, scopes: readonly string[]])[],
): Promise<Map<string, MonthFigures[]>> {
  type MonthBucket = { key: number; value: { value: number }; weight: { value: number }; facts: { value: number } };
  type ScopeBucket = { key: string; months: { buckets: MonthBucket[] } };
  const months = new Map<string, MonthFigures[]>();
  for (const [year, scopes] of work) {
    for (let start = 0; start < scopes.length; start += SCOPES_PER_SEARCH) {
      const part = scopes.slice(start, start + SCOPES_PER_SEARCH);
      const response = await client.search({
        index: monthlyIndex,
        size: 0,
        query: { bool: { filter: [{ term: { year } }, { terms: { scope: part } }] } },
        aggs: {
          scopes: {
            terms: { field: 'scope', size: part.length },
            aggs: {
              months: {
                terms: { field: 'month', size: 12 },
                aggs: { value: { sum: { field: 'valueUsdCents' } }, weight: { sum: { field: 'weightGrams' } }, facts: { sum: { field: 'factCount' } } },
              },
            },
          },
        },
      });
      for (const scope of (response.aggregations?.scopes as { buckets: ScopeBucket[] }).buckets) {
        months.set(
          `${scope.key}/${year}`,
          scope.months.buckets.map((m) => ({
            month: m.key,
            valueUsdCents: unitsFromSum(m.value.value),
            weightGrams: unitsFromSum(m.weight.value),
            factCount: unitsFromSum(m.facts.value),
          })),
        );
      }
    }
  }
  return months;
}
