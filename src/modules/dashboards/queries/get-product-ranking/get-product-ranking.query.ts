import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { Connection } from '../shared/ranking-page';
import type { ProductRow } from '../shared/ranking-rows';

export type ProductRankingView = Connection<ProductRow> & { readonly fresh: boolean | null };

/** HS codes of one level (2, 4 or 6 digits) of a year (or a month of it) by export value, a page at a time. */
export class GetProductRankingQuery extends Query<ProductRankingView> {
  constructor(
    readonly year: number,
    readonly month: number | null,
    readonly level: number | null,
    readonly first: number | null,
    readonly after: string | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
