import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';
import type { StatisticInput } from '../../statistic-input';

export class RecordExportStatisticCommand extends Command<WriteResult> {
  constructor(
    readonly input: StatisticInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
