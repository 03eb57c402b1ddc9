import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PG_POOL, type SqlPool } from '../../../../platform/database/pg-pool';
import { Period } from '../../../../kernel/period';
import { ValidationError } from '../../../../kernel/domain-error';
import { GetStatisticsInScopeQuery, type StatisticFigure } from './get-statistics-in-scope.query';

@QueryHandler(GetStatisticsInScopeQuery)
export class GetStatisticsInScopeHandler implements IQueryHandler<GetStatisticsInScopeQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: SqlPool) {}

  async execute({ hsPrefix, firstPeriod, lastPeriod, hsLength }: GetStatisticsInScopeQuery): Promise<StatisticFigure[]> {
    if (!/^\d{2,10}$/.test(hsPrefix) || hsPrefix.length > hsLength) throw new ValidationError('hsPrefix', `must be 2 to ${hsLength} digits, got ${JSON.stringify(hsPrefix)}`);
    const first = Period.parse(firstPeriod, 'firstPeriod');
    const last = Period.parse(lastPeriod, 'lastPeriod');
    const { rows } = await this.pool.query<{ key: string; value_usd: string; weight_kg: string }>(
      `select key, value_usd, weight_kg from export_statistic
       where (year, month) between ($1, $2) and ($3, $4)
         and hs_code like $5 and length(hs_code) = $6 and status = 'active'
       order by key`,
      [first.year, first.month, last.year, last.month, `${hsPrefix}%`, hsLength],
    );
    return rows.map((row) => ({ key: row.key, valueUsd: row.value_usd, weightKg: row.weight_kg }));
  }
}
