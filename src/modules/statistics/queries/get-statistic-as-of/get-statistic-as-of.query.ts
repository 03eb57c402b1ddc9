import { Query } from '@nestjs/cqrs';
import type { ExportStatistic } from '../../domain/export-statistic';
import type { StatisticKeyData } from '../../domain/statistic-key';

/** The statistic as it stood at `at`, or null when it had no events yet. */
export class GetStatisticAsOfQuery extends Query<ExportStatistic | null> {
  constructor(
    readonly key: StatisticKeyData,
    readonly at: Date,
  ) {
    super();
  }
}
