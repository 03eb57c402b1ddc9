import type { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer, Sort } from '@elastic/elasticsearch/lib/api/types';
import { InvalidCursorError } from '../../dashboards.errors';
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

/** How a ranking is ordered: by a whole-number value, largest first, ties by a code, smallest first. */
export interface RankOrder {
  readonly valueField: string;
  readonly codeField: string;
}

export function rankSort({ valueField, codeField }: RankOrder): Sort {
  return [{ [valueField]: 'desc' }, { [codeField]: 'asc' }];
}

/**
 * One page of a ranking read from summary documents sorted by value then code, continued with
 * search_after. The cursor holds only the last row's sort values; the rank of a page's first row
 * is counted by the server (the rows ordered before the cursor), so no client can make a rank up.
 * Summaries are small documents, so the count is cheap, and it runs beside the page's search.
 */
export async function rankingPage<S, T>(
  client: Client,
  request: { index: string; query: QueryDslQueryContainer; order: RankOrder; fields: string[]; first: number; after: string | null | undefined },
  sortValues: (source: S) => [number, string],
  toNode: (source: S, rank: number) => T,
): Promise<Connection<T>> {
  const after = rankCursor(request.after);
  const [response, startRank] = await Promise.all([
    client.search<S>({
      index: request.index,
      size: request.first + 1,
      track_total_hits: true,
      query: request.query,
      sort: rankSort(request.order),
      _source: request.fields,
      ...(after ? { search_after: after } : {}),
    }),
    after ? rowsBefore(client, request.index, request.query, request.order, after) : Promise.resolve(0),
  ]);
  const rows = response.hits.hits.map((hit) => hit._source!);
  const page = rows.slice(0, request.first);
  const edges = page.map((source, i) => ({ cursor: encodeCursor(sortValues(source)), node: toNode(source, startRank + i + 1) }));
  const total = response.hits.total;
  return {
    totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
    edges,
    pageInfo: { hasNextPage: rows.length > request.first, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

/** A ranking cursor is a value (a non-negative whole number) and a code; anything else was not ours. */
function rankCursor(cursor: string | null | undefined): [number, string] | null {
  const values = decodeCursor(cursor, 2);
  if (values === null) return null;
  const [value, code] = values;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || typeof code !== 'string' || code.length > 16) {
    throw new InvalidCursorError();
  }
  return [value, code];
}

async function rowsBefore(client: Client, index: string, query: QueryDslQueryContainer, order: RankOrder, [value, code]: [number, string]): Promise<number> {
  const { count } = await client.count({
    index,
    query: {
      bool: {
        filter: [query],
        should: [
          { range: { [order.valueField]: { gt: value } } },
          { bool: { filter: [{ term: { [order.valueField]: value } }, { range: { [order.codeField]: { lte: code } } }] } },
        ],
        minimum_should_match: 1,
      },
    },
  });
  return count;
}
