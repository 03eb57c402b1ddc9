import type { Client } from '@elastic/elasticsearch';
import { Period } from '../../../kernel/period';
import { unitsFromSum } from '../domain/exact-units';
import { type Figures, NO_FIGURES } from '../domain/summary-figures';
import { parseScope, TOTAL_SCOPE } from '../domain/summary-scopes';

const LEVEL_FIELDS = { 2: 'chapterCode', 4: 'headingCode', 6: 'subheadingCode' } as const;
const MAX_CODES_PER_SEARCH = 3_000;
const SEARCHES_PER_REQUEST = 24;

type SumsBucket = { doc_count: number; value: { value: number | null }; weight: { value: number | null } };
type TermsAgg = { doc_count: number; by: { buckets: (SumsBucket & { key: string })[] } };

const SUMS = { value: { sum: { field: 'valueUsdCents' } }, weight: { sum: { field: 'weightGrams' } } };

/**
 * The figures of the given scopes of each period, from the refreshed facts: active facts only,
 * and for every scope but a country's own, only facts of active countries. One search per period
 * (and per 3,000 codes), sent together through multi-search.
 */
export async function aggregatePeriods(
  client: Client,
  factsIndex: string,
  work: readonly (readonly [period: string, scopes: readonly string[]])[],
  inactiveCountries: readonly string[],
): Promise<Map<string, Map<string, Figures>>> {
  const searches = work.flatMap(([period, scopes]) => chunk(scopes, MAX_CODES_PER_SEARCH).map((part) => ({ period, scopes: part })));
  const result = new Map<string, Map<string, Figures>>();
  for (const group of chunk(searches, SEARCHES_PER_REQUEST)) {
    const response = await client.msearch({
      index: factsIndex,
      searches: group.flatMap(({ period, scopes }) => [{}, searchBody(period, scopes, inactiveCountries)]),
    });
    response.responses.forEach((answer, i) => {
      if ('error' in answer) throw new Error(`aggregation over ${group[i].period} failed: ${answer.error.reason}`);
      const figures = result.get(group[i].period) ?? new Map<string, Figures>();
      readFigures(answer.aggregations as Record<string, unknown>, group[i].scopes, figures);
      result.set(group[i].period, figures);
    });
  }
  return result;
}

function searchBody(period: string, scopes: readonly string[], inactive: readonly string[]) {
  const countries: string[] = [];
  const codes: Record<2 | 4 | 6, string[]> = { 2: [], 4: [], 6: [] };
  for (const scope of scopes.map(parseScope)) {
    if (scope.kind === 'country') countries.push(scope.countryCode);
    if (scope.kind === 'product') codes[scope.hsCode.length as 2 | 4 | 6].push(scope.hsCode);
  }
  const terms = (field: string, values: string[]) => ({
    filter: { terms: { [field]: values } },
    aggs: { by: { terms: { field, size: values.length }, aggs: SUMS } },
  });
  const { year, month } = Period.parse(period);
  const included: Record<string, unknown> = { ...SUMS };
  for (const level of [2, 4, 6] as const) if (codes[level].length > 0) included[`level${level}`] = terms(LEVEL_FIELDS[level], codes[level]);
  return {
    size: 0,
    track_total_hits: false,
    query: {
      bool: { filter: [{ term: { year } }, { term: { month } }, { term: { status: 'active' } }] },
    },
    aggs: {
      included: { filter: { bool: { must_not: [{ terms: { countryCode: [...inactive] } }] } }, aggs: included },
      ...(countries.length > 0 ? { countries: terms('countryCode', countries) } : {}),
    },
  };
}

function readFigures(aggregations: Record<string, unknown>, scopes: readonly string[], into: Map<string, Figures>): void {
  const included = aggregations.included as SumsBucket & Record<string, TermsAgg | undefined>;
  const found = new Map<string, Figures>([[TOTAL_SCOPE, figuresOf(included)]]);
  for (const bucket of (aggregations.countries as TermsAgg | undefined)?.by.buckets ?? []) found.set(`country-${bucket.key}`, figuresOf(bucket));
  for (const level of [2, 4, 6]) {
    for (const bucket of included[`level${level}`]?.by.buckets ?? []) found.set(`hs-${bucket.key}`, figuresOf(bucket));
  }
  // A scope without facts (all retracted, or all of inactive countries) is written as zeros.
  for (const scope of scopes) into.set(scope, found.get(scope) ?? NO_FIGURES);
}

function figuresOf(bucket: SumsBucket): Figures {
  return { valueUsdCents: unitsFromSum(bucket.value.value), weightGrams: unitsFromSum(bucket.weight.value), factCount: bucket.doc_count };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
