import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import type { StatisticInput } from '../../statistic-input';

export interface BatchResult {
  readonly recorded: number;
  readonly revised: number;
  readonly unchanged: number;
  /** The last log position written, or null when nothing changed. */
  readonly position: string | null;
}

/**
 * Records new statistics and revises existing ones to the given figures, for imports. Every item is
 * validated before anything is written, and each statistic may be named once only; then the batch commits in chunks (BATCH_CHUNK_SIZE) so that
 * no transaction stays open long enough to hold the relay back.
 */
export class RecordExportStatisticsBatchCommand extends Command<BatchResult> {
  constructor(
    readonly items: readonly StatisticInput[],
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
