import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { PartnerRow } from '../shared/ranking-rows';
import type { YearSeriesView } from '../shared/year-series';

export interface ProductProfileView extends YearSeriesView {
  readonly hsCode: string;
  readonly level: number;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly sectionCode: string | null;
  readonly year: number;
  readonly shareOfExports: string | null;
  /** Among the codes of the same level. */
  readonly rank: number | null;
  readonly partnerCount: number;
  readonly partnerHhi: string | null;
  readonly topPartners: PartnerRow[];
  readonly fresh: boolean | null;
}

/** One HS chapter, heading or subheading in one year: totals, growth, share, rank, partners and their concentration. */
export class GetProductProfileQuery extends Query<ProductProfileView> {
  constructor(
    readonly hsCode: string,
    readonly year: number,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
