import type { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import { Period } from '../../../../kernel/period';
import { namesDiffer } from '../../domain/denormalized-names';
import { countryScope, productScope, TOTAL_SCOPE, TouchedScopes } from '../../domain/summary-scopes';
import { bulkWrite } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { ReadModelLookups } from '../read-model-lookups';
import { factOp, namesFor } from './fact-writer';
import { renameFact, type FactDocument } from './fact.projector';

const PAGE = 5_000;

type CompositeKey = { year: number; month: number; countryCode: string; chapterCode: string; headingCode: string | null; subheadingCode: string | null };

/**
 * The monthly scopes fed by the facts matching `query` (tombstones included: their summaries must
 * exist too, with zeros, so that the live read model and a rebuild hold the same documents).
 * A composite aggregation pages through every combination without loading the facts.
 */
export async function scopesOfFacts(client: Client, factsIndex: string, query: QueryDslQueryContainer): Promise<TouchedScopes> {
  const touched = new TouchedScopes();
  let after: CompositeKey | undefined;
  do {
    const response = await client.search({
      index: factsIndex,
      size: 0,
      query,
      aggs: {
        scopes: {
          composite: {
            size: PAGE,
            ...(after ? { after } : {}),
            sources: [
              { year: { terms: { field: 'year' } } },
              { month: { terms: { field: 'month' } } },
              { countryCode: { terms: { field: 'countryCode' } } },
              { chapterCode: { terms: { field: 'chapterCode' } } },
              { headingCode: { terms: { field: 'headingCode', missing_bucket: true } } },
              { subheadingCode: { terms: { field: 'subheadingCode', missing_bucket: true } } },
            ],
          },
        },
      },
    });
    const composite = response.aggregations?.scopes as { buckets: { key: CompositeKey }[]; after_key?: CompositeKey } | undefined;
    for (const { key } of composite?.buckets ?? []) {
      touched.addFact(key.countryCode, key.subheadingCode ?? key.headingCode ?? key.chapterCode, Period.of(key.year, key.month).toString());
    }
    after = composite && composite.buckets.length === PAGE ? composite.after_key : undefined;
  } while (after);
  return touched;
}

/**
 * Every monthly scope of the whole facts index, for a rebuild's one summary pass: per month, the
 * distinct countries, chapters, headings and subheadings (terms buckets, a few months per request
 * to stay under search.max_buckets), which is far cheaper than listing every combination.
 */
export async function scopesOfAllFacts(client: Client, factsIndex: string): Promise<TouchedScopes> {
  const touched = new TouchedScopes();
  type Terms = { buckets: { key: string }[] };
  type Bucket = { key: { year: number; month: number }; countries: Terms; level2: Terms; level4: Terms; level6: Terms };
  let after: Record<string, number> | undefined;
  do {
    const response = await client.search({
      index: factsIndex,
      size: 0,
      aggs: {
        months: {
          composite: {
            size: 4,
            ...(after ? { after } : {}),
            sources: [{ year: { terms: { field: 'year' } } }, { month: { terms: { field: 'month' } } }],
          },
          aggs: {
            countries: { terms: { field: 'countryCode', size: 1_000 } },
            level2: { terms: { field: 'chapterCode', size: 1_000 } },
            level4: { terms: { field: 'headingCode', size: 5_000 } },
            level6: { terms: { field: 'subheadingCode', size: 10_000 } },
          },
        },
      },
    });
    const months = response.aggregations?.months as { buckets: Bucket[]; after_key?: Record<string, number> } | undefined;
    for (const bucket of months?.buckets ?? []) {
      const period = Period.of(bucket.key.year, bucket.key.month).toString();
      touched.add(period, TOTAL_SCOPE);
      for (const { key } of bucket.countries.buckets) touched.add(period, countryScope(key));
      for (const level of [bucket.level2, bucket.level4, bucket.level6]) for (const { key } of level.buckets) touched.add(period, productScope(key));
    }
    after = months && months.buckets.length === 4 ? months.after_key : undefined;
  } while (after);
  return touched;
}

/**
 * The months in which each of `codes` (HS codes of the level `field` holds) has facts, as that
 * code's own product scope: a rename changes the name of that scope only, not its parents'.
 */
export async function periodsOfCodes(client: Client, factsIndex: string, field: string, codes: readonly string[]): Promise<TouchedScopes> {
  const touched = new TouchedScopes();
  let after: Record<string, string | number> | undefined;
  do {
    const response = await client.search({
      index: factsIndex,
      size: 0,
      query: { terms: { [field]: [...codes] } },
      aggs: {
        periods: {
          composite: {
            size: PAGE,
            ...(after ? { after } : {}),
            sources: [{ code: { terms: { field } } }, { year: { terms: { field: 'year' } } }, { month: { terms: { field: 'month' } } }],
          },
        },
      },
    });
    const composite = response.aggregations?.periods as
      | { buckets: { key: { code: string; year: number; month: number } }[]; after_key?: Record<string, string | number> }
      | undefined;
    for (const { key } of composite?.buckets ?? []) touched.add(Period.of(key.year, key.month).toString(), productScope(key.code));
    after = composite && composite.buckets.length === PAGE ? composite.after_key : undefined;
  } while (after);
  return touched;
}

/**
 * Rewrites the facts matching `query` whose names are not the current ones. Without painless there
 * is no update-by-query with a script, and `_update` would bump an externally versioned document's
 * version (so the next event would be refused as old): each stale fact is re-indexed whole, at its
 * own stream version, with `external_gte`, which a newer version written meanwhile refuses.
 * Returns how many were rewritten.
 */
export async function renameFacts(
  client: Client,
  lookups: ReadModelLookups,
  indexes: IndexSet,
  query: QueryDslQueryContainer,
): Promise<number> {
  let rewritten = 0;
  let after: string[] | undefined;
  do {
    const response = await client.search<FactDocument>({
      index: indexes.facts,
      size: 1_000,
      query,
      sort: [{ key: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const facts = response.hits.hits.map((hit) => hit._source!);
    const names = await namesFor(lookups, indexes, facts);
    const stale = facts.filter((fact) => namesDiffer(fact, names(fact).country) || namesDiffer(fact, names(fact).product));
    const outcome = await bulkWrite(client, stale.map((fact) => factOp(indexes.facts, renameFact(fact, names(fact)), 'external_gte')));
    rewritten += outcome.written.length;
    after = facts.length === 1_000 ? [facts[facts.length - 1].key] : undefined;
  } while (after);
  return rewritten;
}
