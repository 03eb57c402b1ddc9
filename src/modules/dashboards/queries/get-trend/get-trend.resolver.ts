import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetTrendQuery } from './get-trend.query';

@Resolver()
export class GetTrendResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('trend')
  @RequireRole('reader')
  trend(
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('country') country: string | null,
    @Args('hsCode') hsCode: string | null,
    @Args('consistency') consistency: ReadConsistency | null,
  ) {
    return this.queries.execute(new GetTrendQuery(from, to, country ?? null, hsCode ?? null, consistency ?? null));
  }
}
