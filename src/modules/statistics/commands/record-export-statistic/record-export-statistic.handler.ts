import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { ExportStatistic } from '../../domain/export-statistic';
import { ExportStatisticRepository } from '../../infrastructure/export-statistic.repository';
import { StatisticContextProvider } from '../../infrastructure/statistic-context.provider';
import { parseStatisticInput } from '../../statistic-input';
import { StatisticVersionConflictError } from '../../statistics.errors';
import { RecordExportStatisticCommand } from './record-export-statistic.command';

@CommandHandler(RecordExportStatisticCommand)
export class RecordExportStatisticHandler implements ICommandHandler<RecordExportStatisticCommand> {
  constructor(
    private readonly statistics: ExportStatisticRepository,
    private readonly contexts: StatisticContextProvider,
  ) {}

  async execute({ input, metadata }: RecordExportStatisticCommand): Promise<WriteResult> {
    const { key, figures } = parseStatisticInput(input);
    const context = await this.contexts.forKeys([key]);
    // Most records are for new keys: decide on an empty stream and let the insert prove it empty,
    // which saves a read on the hot path.
    const statistic = ExportStatistic.unrecorded(key);
    statistic.record(figures, context);
    try {
      return await this.statistics.save({ statistic, expectedVersion: 0 }, metadata, context.now);
    } catch (error) {
      if (!(error instanceof StatisticVersionConflictError)) throw error;
    }
    // The key has a history: a duplicate, unless it was retracted and may be recorded again.
    const existing = await this.statistics.load(key);
    const expectedVersion = existing.version;
    existing.record(figures, context);
    return this.statistics.save({ statistic: existing, expectedVersion }, metadata, context.now);
  }
}
