import { Query } from '@nestjs/cqrs';
import type { EventLogEntry } from '../../../../platform/event-log/event-log-entry.entity';
import type { StatisticKeyData } from '../../domain/statistic-key';

export class GetStatisticHistoryQuery extends Query<EventLogEntry[]> {
  constructor(readonly key: StatisticKeyData) {
    super();
  }
}
