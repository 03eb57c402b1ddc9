import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { Connection } from '../shared/ranking-page';
import type { PartnerRow } from '../shared/ranking-rows';

export type PartnerRankingView = Connection<PartnerRow> & { readonly fresh: boolean | null };

/** Active partner countries of a year (or a month of it) by export value, a page at a time. */
export class GetPartnerRankingQuery extends Query<PartnerRankingView> {
  constructor(
    readonly year: number,
    readonly month: number | null,
    readonly first: number | null,
    readonly after: string | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
