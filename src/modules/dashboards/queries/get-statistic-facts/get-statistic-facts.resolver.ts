import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetStatisticFactsQuery, type StatisticFactFilter } from './get-statistic-facts.query';

@Resolver()
export class GetStatisticFactsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('statisticFacts')
  @RequireRole('reader')
  facts(
    @Args('filter') filter: StatisticFactFilter,
    @Args('first') first: number | null,
    @Args('after') after: string | null,
    @Args('consistency') consistency: ReadConsistency | null,
    @Args('includeArchived') includeArchived: boolean | null,
  ) {
    return this.queries.execute(new GetStatisticFactsQuery(filter, first ?? null, after ?? null, consistency ?? null, includeArchived === true));
  }
}
