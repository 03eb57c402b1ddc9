import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';

export interface ProductHitView {
  readonly hsCode: string;
  readonly level: number;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly sectionCode: string | null;
}

export interface ProductSearchView {
  readonly totalCount: number;
  readonly hits: ProductHitView[];
  readonly fresh: boolean | null;
}

/** HS codes of the catalogue by English or Korean text, or by a code prefix, best matches first. */
export class SearchProductsQuery extends Query<ProductSearchView> {
  constructor(
    readonly text: string,
    readonly first: number | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
