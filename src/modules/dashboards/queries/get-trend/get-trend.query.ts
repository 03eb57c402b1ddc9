import { Query } from '@nestjs/cqrs';
import type { MonthSeasonality } from '../../analytics';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { FiguresView, MonthlyView } from '../shared/read-model-reads';
import type { CagrView } from '../shared/year-series';

export interface TrendPointView extends MonthlyView {
  /** Over the same month a year earlier. */
  readonly yoyGrowth: string | null;
}

export interface TrendView {
  readonly from: string;
  readonly to: string;
  readonly countryCode: string | null;
  readonly hsCode: string | null;
  readonly total: FiguresView;
  readonly points: TrendPointView[];
  /** Between the first and the last complete calendar year of the range; null with fewer than two. */
  readonly cagr: CagrView | null;
  /** Over the complete calendar years of the range; null without one. */
  readonly seasonality: MonthSeasonality[] | null;
  readonly fresh: boolean | null;
}

/** Monthly exports from `from` to `to` (YYYY-MM), nationally or for a country, an HS code, or both. */
export class GetTrendQuery extends Query<TrendView> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly countryCode: string | null,
    readonly hsCode: string | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
