import { Query } from '@nestjs/cqrs';

/** An active statistic's figures as the write side holds them (decimal strings). */
export interface StatisticFigure {
  /** `CN-8518309000-2026-08`. */
  readonly key: string;
  readonly valueUsd: string;
  readonly weightKg: string;
}

/**
 * The active statistics whose HS code has `hsLength` digits and starts with `hsPrefix`, in the
 * months `firstPeriod..lastPeriod` (YYYY-MM, both included), read from the write side: what an
 * import reconciles against must be the truth, not a projection that may lag.
 */
export class GetStatisticsInScopeQuery extends Query<StatisticFigure[]> {
  constructor(
    readonly hsPrefix: string,
    readonly firstPeriod: string,
    readonly lastPeriod: string,
    readonly hsLength: 2 | 4 | 6 | 10 = 10,
  ) {
    super();
  }
}
