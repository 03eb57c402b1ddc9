import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { StatisticKey } from '../../domain/statistic-key';
import { ExportStatisticRepository } from '../../infrastructure/export-statistic.repository';
import { RetractExportStatisticCommand } from './retract-export-statistic.command';

@CommandHandler(RetractExportStatisticCommand)
export class RetractExportStatisticHandler implements ICommandHandler<RetractExportStatisticCommand> {
  constructor(
    private readonly statistics: ExportStatisticRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RetractExportStatisticCommand): Promise<WriteResult> {
    const key = StatisticKey.from(input);
    const expectedVersion = input.expectedVersion ?? undefined;
    return this.statistics.update(key, expectedVersion, (statistic) => statistic.retract(expectedVersion, input.reason), metadata, this.clock);
  }
}
