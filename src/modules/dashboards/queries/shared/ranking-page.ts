import type { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer, Sort } from '@elastic/elasticsearch/lib/api/types';
import { decodeCursor, encodeCursor } from './read-model-reads';

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly edges: Edge<T>[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * One page of a ranking read from summary documents sorted by value then code, continued with
 * search_after. The cursor holds the last row's sort values and its rank, so ranks continue across
 * pages without counting what came before. Summaries are small documents, so a deep page is cheap.
 */
export async function rankingPage<S, T>(
  client: Client,
  request: { index: string; query: QueryDslQueryContainer; sort: Sort; fields: string[]; first: number; after: string | null | undefined },
  sortValues: (source: S) => (string | number)[],
  toNode: (source: S, rank: number) => T,
): Promise<Connection<T>> {
  const after = decodeCursor(request.after, 3);
  const startRank = after ? Number(after[2]) : 0;
  const response = await client.search<S>({
    index: request.index,
    size: request.first + 1,
    track_total_hits: true,
    query: request.query,
    sort: request.sort,
    _source: request.fields,
    ...(after ? { search_after: after.slice(0, 2) } : {}),
  });
  const rows = response.hits.hits.map((hit) => hit._source!);
  const page = rows.slice(0, request.first);
  const edges = page.map((source, i) => ({ cursor: encodeCursor([...sortValues(source), startRank + i + 1]), node: toNode(source, startRank + i + 1) }));
  const total = response.hits.total;
  return {
    totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
    edges,
    pageInfo: { hasNextPage: rows.length > request.first, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}
