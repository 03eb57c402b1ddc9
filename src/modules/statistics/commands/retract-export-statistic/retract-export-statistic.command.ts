import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';
import type { StatisticKeyData } from '../../domain/statistic-key';

export class RetractExportStatisticCommand extends Command<WriteResult> {
  constructor(
    readonly input: StatisticKeyData & { readonly expectedVersion?: number | null; readonly reason: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
