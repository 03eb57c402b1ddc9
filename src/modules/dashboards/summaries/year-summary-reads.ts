import type { Client } from '@elastic/elasticsearch';
import { unitsFromSum } from '../domain/exact-units';
import type { MonthFigures } from '../domain/summary-figures';
import { parseScope, yearSummaryId } from '../domain/summary-scopes';
import { multiGet, type VersionedDocument } from '../elasticsearch/es-bulk';
import type { IndexSet } from '../elasticsearch/read-model-indexes';

// scopes x 12 months stays well under search.max_buckets (65,536).
const SCOPES_PER_SEARCH = 2_000;

/** What a year summary is updated from: the twelve months it holds. */
export interface HeldMonths {
  readonly months: readonly MonthFigures[];
}

/** Where the year summary of a scope lives: country scopes in country-summaries, HS scopes in product-summaries. */
export function yearDocumentTarget(indexes: IndexSet, scope: string, year: number): { index: string; id: string } {
  const parsed = parseScope(scope);
  const index = parsed.kind === 'country' ? indexes['country-summaries'] : indexes['product-summaries'];
  return { index, id: yearSummaryId(parsed, year) };
}

/**
 * The year documents, keyed `<index>/<id>`: their seq_nos and the months they hold. Whole sources:
 * asking Elasticsearch for `months` alone made it parse and filter each one, twice as slow.
 */
export async function readYearDocuments(client: Client, targets: readonly { index: string; id: string }[]): Promise<Map<string, VersionedDocument<HeldMonths>>> {
  const found = new Map<string, VersionedDocument<HeldMonths>>();
  for (const index of new Set(targets.map((target) => target.index))) {
    const ids = targets.filter((target) => target.index === index).map((target) => target.id);
    for (const [id, document] of await multiGet<HeldMonths>(client, index, ids)) found.set(`${index}/${id}`, document);
  }
  return found;
}

/**
 * The figures of the refreshed monthly trend documents of the scopes in the given months, keyed
 * `<scope>/<year>`. Read as terms buckets rather than as documents (an aggregation over doc values
 * is far cheaper than fetching thousands of sources), month first, then scope: the other way
 * round, Elasticsearch builds a month aggregation under each of thousands of scope buckets, which
 * took 650 ms per 2,000 scopes against 200 ms (twelve months of 7,179 scopes).
 */
export async function readMonthFigures(
  client: Client,
  monthlyIndex: string,
  work: readonly (readonly [year: number, months: readonly number[], scopes: readonly string[]])[],
): Promise<Map<string, MonthFigures[]>> {
  type ScopeBucket = { key: string; value: { value: number }; weight: { value: number }; facts: { value: number } };
  type MonthBucket = { key: number; scopes: { buckets: ScopeBucket[] } };
  const figures = new Map<string, MonthFigures[]>();
  for (const [year, months, scopes] of work) {
    for (let start = 0; start < scopes.length; start += SCOPES_PER_SEARCH) {
      const part = scopes.slice(start, start + SCOPES_PER_SEARCH);
      const response = await client.search({
        index: monthlyIndex,
        size: 0,
        query: { bool: { filter: [{ term: { year } }, { terms: { month: [...months] } }, { terms: { scope: part } }] } },
        aggs: {
          months: {
            terms: { field: 'month', size: 12 },
            aggs: {
              scopes: {
                terms: { field: 'scope', size: part.length },
                aggs: { value: { sum: { field: 'valueUsdCents' } }, weight: { sum: { field: 'weightGrams' } }, facts: { sum: { field: 'factCount' } } },
              },
            },
          },
        },
      });
      for (const month of (response.aggregations?.months as { buckets: MonthBucket[] }).buckets) {
        for (const scope of month.scopes.buckets) {
          const key = `${scope.key}/${year}`;
          const list = figures.get(key) ?? [];
          list.push({
            month: month.key,
            valueUsdCents: unitsFromSum(scope.value.value),
            weightGrams: unitsFromSum(scope.weight.value),
            factCount: unitsFromSum(scope.facts.value),
          });
          figures.set(key, list);
        }
      }
    }
  }
  return figures;
}
