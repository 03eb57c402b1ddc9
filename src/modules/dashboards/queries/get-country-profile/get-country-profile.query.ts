import { Query } from '@nestjs/cqrs';
import type { RegionNames } from '../../domain/denormalized-names';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { ProductRow } from '../shared/ranking-rows';
import type { YearSeriesView } from '../shared/year-series';

export interface CountryProfileView extends YearSeriesView, RegionNames {
  readonly countryCode: string;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly active: boolean;
  readonly year: number;
  /** Of the national total; null for an inactive country, which the national total leaves out. */
  readonly shareOfExports: string | null;
  readonly rank: number | null;
  readonly productCount: number;
  readonly topProducts: ProductRow[];
  readonly fresh: boolean | null;
}

/** One partner country in one year: totals, growth, share, rank and its top products (HS subheadings). */
export class GetCountryProfileQuery extends Query<CountryProfileView> {
  constructor(
    readonly code: string,
    readonly year: number,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
