import type { Client } from '@elastic/elasticsearch';
import { READ_MODEL_INDEXES, type IndexSet, type ReadModelIndex } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';

/** Fields that say when a document was computed, not what it holds: left out of comparisons. */
const VOLATILE_FIELDS: Readonly<Record<ReadModelIndex, readonly string[]>> = {
  facts: [],
  countries: [],
  products: [],
  'monthly-trends': ['updatedAt'],
  'country-summaries': ['updatedAt'],
  'product-summaries': ['updatedAt'],
  // Anomalies are evaluated at a flush: their times are the clock's (threshold alerts' come from events).
  alerts: ['openedAt', 'updatedAt', 'closedAt'],
};

/** Every document of an index by id, volatile fields removed (a scroll: no sort on _id, which 8.x refuses). */
async function allDocuments(client: Client, index: string, volatile: readonly string[] = []): Promise<Map<string, Record<string, unknown>>> {
  await client.indices.refresh({ index });
  const documents = new Map<string, Record<string, unknown>>();
  let response = await client.search<Record<string, unknown>>({ index, size: 5_000, scroll: '1m', sort: ['_doc'], query: { match_all: {} } });
  try {
    while (response.hits.hits.length > 0) {
      for (const hit of response.hits.hits) {
        const source = { ...hit._source! };
        for (const field of volatile) delete source[field];
        documents.set(hit._id!, source);
      }
      response = await client.scroll<Record<string, unknown>>({ scroll_id: response._scroll_id!, scroll: '1m' });
    }
  } finally {
    if (response._scroll_id) await client.clearScroll({ scroll_id: response._scroll_id }).catch(() => undefined);
  }
  return documents;
}

/** Every index of a set, document by document. */
export async function readModelSnapshot(client: Client, indexes: IndexSet): Promise<Record<ReadModelIndex, Map<string, Record<string, unknown>>>> {
  const entries = await Promise.all(
    READ_MODEL_INDEXES.map(async (name) => [name, await allDocuments(client, indexes[name], VOLATILE_FIELDS[name])] as const),
  );
  return Object.fromEntries(entries) as Record<ReadModelIndex, Map<string, Record<string, unknown>>>;
}
