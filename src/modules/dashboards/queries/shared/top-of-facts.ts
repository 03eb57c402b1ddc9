import type { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import { herfindahlHirschmanIndex } from '../../analytics';
import { unitsFromSum } from '../../domain/exact-units';
import type { Figures } from '../../domain/summary-figures';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { ReadModelLookups } from '../../projections/read-model-lookups';
import { partnerRow, productRow, type PartnerRow, type ProductRow } from './ranking-rows';
import { inactiveCountries, usd } from './read-model-reads';

type Bucket = { key: string; doc_count: number; value: { value: number }; weight: { value: number } };
type Aggregations = { value: { value: number }; by: { buckets: Bucket[] } };

// Every HS subheading (5,613 in HS 2022) and every country fits: the counts and HHI are exact.
const ALL_BUCKETS = 10_000;

/**
 * Breakdowns the summaries do not hold (products of one country, partners of one product) come
 * from the facts, for one year: a few thousand documents at most, well within a profile's budget.
 * Buckets are ordered by value, then by code, like every ranking here.
 */
async function breakdown(client: Client, indexes: IndexSet, field: string, filters: QueryDslQueryContainer[], excludeInactive: boolean) {
  const inactive = excludeInactive ? await inactiveCountries(client, indexes.countries) : [];
  const response = await client.search({
    index: indexes.facts,
    size: 0,
    query: { bool: { filter: [...filters, { term: { status: 'active' } }], must_not: [{ terms: { countryCode: inactive } }] } },
    aggs: {
      value: { sum: { field: 'valueUsdCents' } },
      by: {
        terms: { field, size: ALL_BUCKETS, order: [{ value: 'desc' }, { _key: 'asc' }] },
        aggs: { value: { sum: { field: 'valueUsdCents' } }, weight: { sum: { field: 'weightGrams' } } },
      },
    },
  });
  const aggregations = response.aggregations as unknown as Aggregations;
  const totalCents = unitsFromSum(aggregations.value.value);
  const buckets = aggregations.by.buckets.map((bucket): { code: string } & Figures => ({
    code: bucket.key,
    valueUsdCents: unitsFromSum(bucket.value.value),
    weightGrams: unitsFromSum(bucket.weight.value),
    factCount: bucket.doc_count,
  }));
  return { totalCents, buckets };
}

/** The top HS subheadings among the facts, with their share of those facts' total. */
export async function topProductsOfFacts(
  client: Client,
  lookups: ReadModelLookups,
  indexes: IndexSet,
  filters: QueryDslQueryContainer[],
  n: number,
): Promise<{ top: ProductRow[]; count: number }> {
  const { totalCents, buckets } = await breakdown(client, indexes, 'subheadingCode', filters, false);
  const names = await lookups.codeNames(indexes.products, buckets.slice(0, n).map((bucket) => bucket.code));
  const top = buckets.slice(0, n).map((bucket, i) => {
    const own = names(bucket.code);
    return productRow({ ...bucket, hsCode: bucket.code, hsLevel: 6, productNameEn: own.nameEn, productNameKo: own.nameKo }, i + 1, totalCents);
  });
  return { top, count: buckets.length };
}

/** The top partners (active countries) among the facts, with shares, their number and their HHI. */
export async function topPartnersOfFacts(
  client: Client,
  lookups: ReadModelLookups,
  indexes: IndexSet,
  filters: QueryDslQueryContainer[],
  n: number,
): Promise<{ top: PartnerRow[]; count: number; hhi: string | null }> {
  const { totalCents, buckets } = await breakdown(client, indexes, 'countryCode', filters, true);
  const countries = await lookups.countries(indexes.countries, buckets.slice(0, n).map((bucket) => bucket.code));
  const top = buckets.slice(0, n).map((bucket, i) => {
    const country = countries.get(bucket.code)!;
    return partnerRow({ ...bucket, countryCode: bucket.code, countryNameEn: country.countryNameEn, countryNameKo: country.countryNameKo }, i + 1, totalCents);
  });
  return { top, count: buckets.length, hhi: herfindahlHirschmanIndex(buckets.map((bucket) => usd(bucket.valueUsdCents))) };
}
