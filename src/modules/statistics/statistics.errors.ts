import { DomainError } from '../../kernel/domain-error';
import type { StatisticKey } from './domain/statistic-key';

// Expected failures of the statistics context. Codes are part of the API: never rename one.

export class StatisticNotFoundError extends DomainError {
  readonly code = 'STATISTIC.NOT_FOUND';
  readonly category = 'NOT_FOUND';

  constructor(key: StatisticKey) {
    super(`No export statistic has been recorded for ${key}`, { key: key.toString() });
  }
}

export class StatisticVersionConflictError extends DomainError {
  readonly code = 'STATISTIC.VERSION_CONFLICT';
  readonly category = 'VERSION_CONFLICT';

  constructor(key: StatisticKey, expectedVersion: number, actualVersion: number) {
    super(
      `Statistic ${key} is at version ${actualVersion}, not ${expectedVersion}: someone changed it since you read it; reload and retry`,
      { key: key.toString(), expectedVersion, actualVersion },
    );
  }
}

export class DuplicateStatisticError extends DomainError {
  readonly code = 'STATISTIC.DUPLICATE';
  readonly category = 'DUPLICATE';

  constructor(key: StatisticKey, currentVersion: number) {
    super(`A statistic for ${key} already exists (version ${currentVersion}); revise it instead of recording it again`, {
      key: key.toString(),
      currentVersion,
    });
  }
}

/**
 * A retracted statistic is gone for clients: the read side keeps only a tombstone. So this is a
 * NOT_FOUND, not a VALIDATION failure (the input is fine, the thing is absent), with its own code so
 * that a client can tell "retracted, record it again" from "never recorded".
 */
export class StatisticRetractedError extends DomainError {
  readonly code = 'STATISTIC.RETRACTED';
  readonly category = 'NOT_FOUND';

  constructor(key: StatisticKey, version: number) {
    super(`The statistic for ${key} has been retracted; record it again to bring it back`, {
      key: key.toString(),
      version,
    });
  }
}

/** Some items of a batch are invalid; none of the batch was written. Lists up to 50 of them. */
export class InvalidStatisticsBatchError extends DomainError {
  readonly code = 'STATISTIC.BATCH_INVALID';
  readonly category = 'VALIDATION';

  constructor(invalidItems: readonly { readonly index: number; readonly field: string; readonly reason: string }[]) {
    super(`${invalidItems.length} of the batch's items are invalid; nothing was written`, {
      invalidCount: invalidItems.length,
      invalidItems: invalidItems.slice(0, 50),
    });
  }
}

/**
 * Two items of one batch name the same statistic. Which figure should win is the sender's call,
 * not the order of the list's, so the batch is refused before anything is written.
 */
export class RepeatedStatisticInBatchError extends DomainError {
  readonly code = 'STATISTIC.BATCH_REPEATED_KEY';
  readonly category = 'VALIDATION';

  constructor(key: string, indexes: readonly [number, number], repeatedCount: number) {
    super(`Items ${indexes[0]} and ${indexes[1]} both name ${key}: a batch names each statistic once; nothing was written`, {
      field: 'items',
      key,
      indexes,
      repeatedCount,
    });
  }
}

/** A batch mutation over BATCH_MUTATION_MAX_ITEMS: bigger loads belong to the import. */
export class StatisticsBatchTooLargeError extends DomainError {
  readonly code = 'STATISTIC.BATCH_TOO_LARGE';
  readonly category = 'VALIDATION';

  constructor(count: number, limit: number) {
    super(`The batch has ${count} items; a mutation takes at most ${limit} (send bigger loads through the import); nothing was written`, {
      field: 'items',
      limit,
      count,
    });
  }
}

/**
 * Within one partner and month, the statistic and an active one sit at overlapping HS levels (one
 * code a prefix of the other, as 85 and 8542310000), so every total would count the same exports
 * twice. Retrying cannot help: retract the other statistic first, or revise it instead. `index` is
 * the batch item, when the statistic came in a batch.
 */
export class HsLevelOverlapError extends DomainError {
  readonly code = 'STATISTIC.HS_LEVEL_OVERLAP';
  readonly category = 'CONFLICT';

  constructor(key: StatisticKey, overlapping: StatisticKey, index?: number) {
    super(
      `${key} overlaps the active statistic ${overlapping}: within one partner and month no HS code may be a prefix of another's, or both would be counted in every total; retract ${overlapping} first, or revise it instead`,
      {
        key: key.toString(),
        overlapping: { key: overlapping.toString(), ...overlapping.toData() },
        ...(index === undefined ? {} : { index }),
      },
    );
  }
}
