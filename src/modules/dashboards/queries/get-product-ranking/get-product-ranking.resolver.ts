import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetProductRankingQuery } from './get-product-ranking.query';

@Resolver()
export class GetProductRankingResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('productRanking')
  @RequireRole('reader')
  ranking(
    @Args('year') year: number,
    @Args('month') month: number | null,
    @Args('level') level: number | null,
    @Args('first') first: number | null,
    @Args('after') after: string | null,
    @Args('consistency') consistency: ReadConsistency | null,
  ) {
    return this.queries.execute(new GetProductRankingQuery(year, month ?? null, level ?? null, first ?? null, after ?? null, consistency ?? null));
  }
}
