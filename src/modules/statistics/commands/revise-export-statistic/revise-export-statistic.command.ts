import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';
import type { StatisticInput } from '../../statistic-input';

export class ReviseExportStatisticCommand extends Command<WriteResult> {
  constructor(
    readonly input: StatisticInput & { readonly expectedVersion: number },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
