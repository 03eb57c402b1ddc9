import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventLogEntry } from '../../../../platform/event-log/event-log-entry.entity';
import { EventLogReader } from '../../../../platform/event-log/event-log.reader';
import { StatisticKey } from '../../domain/statistic-key';
import { GetStatisticHistoryQuery } from './get-statistic-history.query';

@QueryHandler(GetStatisticHistoryQuery)
export class GetStatisticHistoryHandler implements IQueryHandler<GetStatisticHistoryQuery> {
  constructor(private readonly log: EventLogReader) {}

  execute({ key }: GetStatisticHistoryQuery): Promise<EventLogEntry[]> {
    return this.log.readStream(StatisticKey.from(key).streamId);
  }
}
