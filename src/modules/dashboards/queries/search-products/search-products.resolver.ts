import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { SearchProductsQuery } from './search-products.query';

@Resolver()
export class SearchProductsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('searchProducts')
  @RequireRole('reader')
  search(@Args('text') text: string, @Args('first') first: number | null, @Args('consistency') consistency: ReadConsistency | null) {
    return this.queries.execute(new SearchProductsQuery(text, first ?? null, consistency ?? null));
  }
}
