import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import { GetAlertsQuery, type AlertKindName, type AlertStatusName } from './get-alerts.query';

@Resolver()
export class GetAlertsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('alerts')
  @RequireRole('reader')
  alerts(
    @Args('year') year: number,
    @Args('month') month: number | null,
    @Args('kind') kind: AlertKindName | null,
    @Args('country') country: string | null,
    @Args('status') status: AlertStatusName | null,
    @Args('first') first: number | null,
    @Args('after') after: string | null,
    @Args('consistency') consistency: ReadConsistency | null,
  ) {
    return this.queries.execute(new GetAlertsQuery({ year, month, kind, country, status }, first ?? null, after ?? null, consistency ?? null));
  }
}
