import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetDashboardSummaryQuery } from './get-dashboard-summary.query';

@Resolver()
export class GetDashboardSummaryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('dashboardSummary')
  @RequireRole('reader')
  summary(
    @Args('year') year: number,
    @Args('month') month: number | null,
    @Args('top') top: number | null,
    @Args('productLevel') productLevel: number | null,
    @Args('consistency') consistency: ReadConsistency | null,
  ) {
    return this.queries.execute(new GetDashboardSummaryQuery(year, month ?? null, top ?? null, productLevel ?? null, consistency ?? null));
  }
}
