import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetProductProfileQuery } from './get-product-profile.query';

@Resolver()
export class GetProductProfileResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('productProfile')
  @RequireRole('reader')
  profile(@Args('hsCode') hsCode: string, @Args('year') year: number, @Args('consistency') consistency: ReadConsistency | null) {
    return this.queries.execute(new GetProductProfileQuery(hsCode, year, consistency ?? null));
  }
}
