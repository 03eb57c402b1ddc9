import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { ValidationError } from '../../../../kernel/domain-error';
import { Clock } from '../../../../platform/cqrs/clock';
import { retryOnConflict } from '../../../../platform/event-log/retry-on-conflict';
import { StatisticKey } from '../../domain/statistic-key';
import { MAX_RETRACTION_REASON_LENGTH } from '../../domain/export-statistic';
import { requiredText } from '../../../../kernel/required-text';
import { ExportStatisticRepository, type DecidedStatistic } from '../../infrastructure/export-statistic.repository';
import { InvalidStatisticsBatchError } from '../../statistics.errors';
import { RetractBatchResult, RetractExportStatisticsBatchCommand } from './retract-export-statistics-batch.command';

const ATTEMPTS_PER_CHUNK = 5;

@CommandHandler(RetractExportStatisticsBatchCommand)
export class RetractExportStatisticsBatchHandler implements ICommandHandler<RetractExportStatisticsBatchCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly statistics: ExportStatisticRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ keys, reason, metadata }: RetractExportStatisticsBatchCommand): Promise<RetractBatchResult> {
    const why = requiredText(reason, 'reason', MAX_RETRACTION_REASON_LENGTH);
    const parsed = parseKeys(keys);
    const total = { retracted: 0, unchanged: 0, position: null as string | null };
    for (let start = 0; start < parsed.length; start += this.config.BATCH_CHUNK_SIZE) {
      const chunk = parsed.slice(start, start + this.config.BATCH_CHUNK_SIZE);
      const result = await retryOnConflict(async () => {
        const loaded = await this.statistics.loadMany(chunk);
        const decided: DecidedStatistic[] = [];
        for (const statistic of loaded.values()) {
          if (statistic.status !== 'active') continue;
          const expectedVersion = statistic.version;
          statistic.retract(expectedVersion, why);
          decided.push({ statistic, expectedVersion });
        }
        const { position } = await this.statistics.saveMany(decided, metadata, this.clock.now());
        return { retracted: decided.length, unchanged: loaded.size - decided.length, position };
      }, ATTEMPTS_PER_CHUNK);
      total.retracted += result.retracted;
      total.unchanged += result.unchanged;
      total.position = result.position ?? total.position;
    }
    return total;
  }
}

/** Unique canonical keys; one malformed key and nothing is written. */
function parseKeys(keys: readonly string[]): StatisticKey[] {
  const invalid: { index: number; field: string; reason: string }[] = [];
  const unique = new Map<string, StatisticKey>();
  keys.forEach((raw, index) => {
    try {
      const key = StatisticKey.parse(raw, 'key');
      unique.set(key.toString(), key);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      invalid.push({ index, field: error.field, reason: error.reason });
    }
  });
  if (invalid.length > 0) throw new InvalidStatisticsBatchError(invalid);
  return [...unique.values()];
}
