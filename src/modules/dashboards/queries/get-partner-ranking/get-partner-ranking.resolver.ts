import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetPartnerRankingQuery } from './get-partner-ranking.query';

@Resolver()
export class GetPartnerRankingResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('partnerRanking')
  @RequireRole('reader')
  ranking(
    @Args('year') year: number,
    @Args('month') month: number | null,
    @Args('first') first: number | null,
    @Args('after') after: string | null,
    @Args('consistency') consistency: ReadConsistency | null,
  ) {
    return this.queries.execute(new GetPartnerRankingQuery(year, month ?? null, first ?? null, after ?? null, consistency ?? null));
  }
}
