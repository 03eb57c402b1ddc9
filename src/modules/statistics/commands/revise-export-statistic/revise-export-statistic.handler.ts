import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { ExportStatisticRepository } from '../../infrastructure/export-statistic.repository';
import { StatisticContextProvider } from '../../infrastructure/statistic-context.provider';
import { parseStatisticInput } from '../../statistic-input';
import { ReviseExportStatisticCommand } from './revise-export-statistic.command';

@CommandHandler(ReviseExportStatisticCommand)
export class ReviseExportStatisticHandler implements ICommandHandler<ReviseExportStatisticCommand> {
  constructor(
    private readonly statistics: ExportStatisticRepository,
    private readonly contexts: StatisticContextProvider,
  ) {}

  async execute({ input, metadata }: ReviseExportStatisticCommand): Promise<WriteResult> {
    const { key, figures } = parseStatisticInput(input);
    const context = await this.contexts.forKeys([key]);
    const statistic = await this.statistics.load(key);
    statistic.revise(input.expectedVersion, figures, context);
    // The save re-checks the version in the database: a writer that read the same version and
    // saved first makes this one a version conflict, never a silent overwrite.
    return this.statistics.save({ statistic, expectedVersion: input.expectedVersion }, metadata, context.now);
  }
}
