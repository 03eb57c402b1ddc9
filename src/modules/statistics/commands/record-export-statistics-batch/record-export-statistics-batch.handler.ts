import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { ValidationError } from '../../../../kernel/domain-error';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import { retryOnConflict } from '../../../../platform/event-log/retry-on-conflict';
import type { StatisticContext } from '../../domain/export-statistic';
import { ExportStatisticRepository } from '../../infrastructure/export-statistic.repository';
import { StatisticContextProvider } from '../../infrastructure/statistic-context.provider';
import { parseStatisticInput, type StatisticInput } from '../../statistic-input';
import { HsLevelOverlapError, InvalidStatisticsBatchError } from '../../statistics.errors';
import { chunkByKey, decideChunk, type ChunkDecision, type InvalidItem, type ParsedItem } from './decide-chunk';
import { rejectLevelOverlapsWithin } from './level-overlaps';
import { BatchResult, RecordExportStatisticsBatchCommand } from './record-export-statistics-batch.command';
import { assertEachKeyOnce } from './repeated-keys';

const ATTEMPTS_PER_CHUNK = 5;
/** Chunks touch disjoint keys, so two can be written at once: one deciding while the other commits. */
const CHUNKS_IN_FLIGHT = 2;

@CommandHandler(RecordExportStatisticsBatchCommand)
export class RecordExportStatisticsBatchHandler implements ICommandHandler<RecordExportStatisticsBatchCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly statistics: ExportStatisticRepository,
    private readonly contexts: StatisticContextProvider,
  ) {}

  async execute({ items, metadata }: RecordExportStatisticsBatchCommand): Promise<BatchResult> {
    const parsed = parseAll(items);
    assertEachKeyOnce(parsed);
    rejectLevelOverlapsWithin(parsed);
    const context = await this.contexts.forKeys(parsed.map((item) => item.key));
    const chunks = chunkByKey(parsed, this.config.BATCH_CHUNK_SIZE);
    // Every chunk is decided before any is written: one invalid item and nothing is.
    const decisions = await Promise.all(chunks.map((chunk) => this.decide(chunk, context)));
    const invalid = decisions.flatMap((decision) => decision.invalid).sort((a, b) => a.index - b.index);
    if (invalid.length > 0) throw new InvalidStatisticsBatchError(invalid);
    await this.rejectStoredLevelOverlaps(parsed);

    const results: BatchResult[] = [];
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const i = next++;
        results[i] = await this.write(chunks[i], decisions[i], context, metadata);
      }
    };
    await Promise.all(Array.from({ length: CHUNKS_IN_FLIGHT }, lane));
    return results.reduce(
      (total, chunk) => ({
        recorded: total.recorded + chunk.recorded,
        revised: total.revised + chunk.revised,
        unchanged: total.unchanged + chunk.unchanged,
        position: maxPosition(total.position, chunk.position),
      }),
      { recorded: 0, revised: 0, unchanged: 0, position: null },
    );
  }

  private async decide(items: ParsedItem[], context: StatisticContext): Promise<ChunkDecision> {
    return decideChunk(items, await this.statistics.loadMany(items.map((item) => item.key)), context);
  }

  /**
   * An item that overlaps an active statistic at another HS level refuses the batch before any chunk
   * is written. The database's constraint still decides a race with a writer that commits later.
   */
  private async rejectStoredLevelOverlaps(items: readonly ParsedItem[]): Promise<void> {
    const [first] = await this.statistics.findActiveOverlaps(items.map((item) => item.key));
    if (!first) return;
    const item = items.find((candidate) => candidate.key.equals(first.key));
    throw new HsLevelOverlapError(first.key, first.overlapping, item?.index);
  }

  /** A concurrent writer makes the chunk re-read its statistics and decide again. */
  private write(items: ParsedItem[], first: ChunkDecision, context: StatisticContext, metadata: EventMetadata): Promise<BatchResult> {
    return retryOnConflict(async (attempt) => {
      const decision = attempt === 1 ? first : await this.decide(items, context);
      const { position } = await this.statistics.saveMany(decision.decided, metadata, context.now);
      return { ...decision.counts, position };
    }, ATTEMPTS_PER_CHUNK);
  }
}

function parseAll(items: readonly StatisticInput[]): ParsedItem[] {
  const invalid: InvalidItem[] = [];
  const parsed = items.flatMap((input, index) => {
    try {
      return [{ index, ...parseStatisticInput(input) }];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      invalid.push({ index, field: error.field, reason: error.reason });
      return [];
    }
  });
  if (invalid.length > 0) throw new InvalidStatisticsBatchError(invalid);
  return parsed;
}

function maxPosition(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return BigInt(a) > BigInt(b) ? a : b;
}
