import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventLogReader } from '../../../../platform/event-log/event-log.reader';
import { ExportStatistic } from '../../domain/export-statistic';
import { StatisticKey } from '../../domain/statistic-key';
import { toStatisticEvent } from '../../infrastructure/stored-statistic-event';
import { GetStatisticAsOfQuery } from './get-statistic-as-of.query';

@QueryHandler(GetStatisticAsOfQuery)
export class GetStatisticAsOfHandler implements IQueryHandler<GetStatisticAsOfQuery> {
  constructor(private readonly log: EventLogReader) {}

  async execute({ key, at }: GetStatisticAsOfQuery): Promise<ExportStatistic | null> {
    const entries = await this.log.readStream(StatisticKey.from(key).streamId, at);
    return entries.length === 0 ? null : ExportStatistic.fromHistory(entries.map(toStatisticEvent));
  }
}
