import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';

export interface RetractBatchResult {
  readonly retracted: number;
  /** Keys already retracted or never recorded: nothing to withdraw, so nothing written. */
  readonly unchanged: number;
  /** The last log position written, or null when nothing changed. */
  readonly position: string | null;
}

/**
 * Retracts the statistics named by their keys (`CN-8518309000-2026-08`), for imports whose source
 * no longer has them. Idempotent: a key that is not active is left alone. Every key is checked
 * before anything is written; the batch commits in chunks of BATCH_CHUNK_SIZE.
 */
export class RetractExportStatisticsBatchCommand extends Command<RetractBatchResult> {
  constructor(
    readonly keys: readonly string[],
    readonly reason: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
