import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetCountryProfileQuery } from './get-country-profile.query';

@Resolver()
export class GetCountryProfileResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('countryProfile')
  @RequireRole('reader')
  profile(@Args('code') code: string, @Args('year') year: number, @Args('consistency') consistency: ReadConsistency | null) {
    return this.queries.execute(new GetCountryProfileQuery(code, year, consistency ?? null));
  }
}
