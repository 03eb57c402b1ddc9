import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { RateCoverageView } from '../shared/coverage-view';
import type { FiguresView, MonthlyView } from '../shared/read-model-reads';
import type { PartnerRow, ProductRow } from '../shared/ranking-rows';

export interface DashboardSummaryView {
  readonly year: number;
  readonly month: number | null;
  readonly total: FiguresView;
  /** Over like months: see yoyGrowthCovers. */
  readonly yoyGrowth: string | null;
  readonly yoyGrowthCovers: RateCoverageView | null;
  readonly partnerCount: number;
  readonly productCount: number;
  readonly partnerHhi: string | null;
  readonly topPartners: PartnerRow[];
  readonly topProducts: ProductRow[];
  /** The published months of the year. */
  readonly monthlyTrend: MonthlyView[];
  readonly publishedThrough: string | null;
  readonly openAlertCount: number;
  readonly fresh: boolean | null;
}

/** National exports of a year, or of one month of it, for the dashboard's front page. */
export class GetDashboardSummaryQuery extends Query<DashboardSummaryView> {
  constructor(
    readonly year: number,
    readonly month: number | null,
    readonly top: number | null,
    readonly productLevel: number | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
