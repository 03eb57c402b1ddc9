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
    const statistic = await this.statistics.load(key);
    const expectedVersion = input.expectedVersion ?? statistic.version;
    statistic.retract(input.expectedVersion ?? undefined, input.reason);
    return this.statistics.save({ statistic, expectedVersion }, metadata, this.clock.now());
  }
}
