import { Args, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { StatisticKeyData } from '../../domain/statistic-key';
import { GetStatisticAsOfQuery } from './get-statistic-as-of.query';

@Resolver()
export class GetStatisticAsOfResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('statisticAsOf')
  @RequireRole('reader')
  async asOf(@Args() { at, ...key }: StatisticKeyData & { at: Date }) {
    const statistic = await this.queries.execute(new GetStatisticAsOfQuery(key, at));
    const snapshot = statistic?.toSnapshot();
    if (!snapshot) return null;
    return {
      key: snapshot.key.toString(),
      ...snapshot.key.toData(),
      status: snapshot.status.toUpperCase(),
      valueUsd: snapshot.valueUsd.toString(),
      weightKg: snapshot.weightKg.toString(),
      version: snapshot.version,
    };
  }
}
