import { Query } from '@nestjs/cqrs';
import type { MonthSeasonality } from '../../analytics';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { PeriodSpanView, RateCoverageView } from '../shared/coverage-view';
import type { FiguresView, MonthlyView } from '../shared/read-model-reads';
import type { CagrView } from '../shared/year-series';

export interface TrendPointView extends MonthlyView {
  /** Over the same month a year earlier. */
  readonly yoyGrowth: string | null;
  readonly yoyGrowthCovers: RateCoverageView | null;
}

export interface TrendView {
  readonly from: string;
  readonly to: string;
  readonly countryCode: string | null;
  readonly hsCode: string | null;
  readonly total: FiguresView;
  /** The published months of the range: none after the publication horizon. */
  readonly points: TrendPointView[];
  /** From the first year whose January is in the range to the year of its last published month, over like months. */
  readonly cagr: CagrView | null;
  /** Over the published months of the range; null with fewer than twelve. */
  readonly seasonality: MonthSeasonality[] | null;
  readonly seasonalityCovers: PeriodSpanView | null;
  /** The latest published month when the query ran; null when nothing is published. */
  readonly publishedThrough: string | null;
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
