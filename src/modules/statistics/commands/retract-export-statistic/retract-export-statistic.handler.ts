import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { onExpectedVersion } from '../../../../platform/event-log/retry-on-conflict';
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
    return onExpectedVersion(expectedVersion, async () => {
      const statistic = await this.statistics.load(key);
      const read = statistic.version;
      statistic.retract(expectedVersion, input.reason);
      return this.statistics.save({ statistic, expectedVersion: read }, metadata, this.clock.now());
    });
  }
}
