import { findLevelOverlaps } from '../../domain/hs-level-overlap';
import { InvalidStatisticsBatchError } from '../../statistics.errors';
import type { InvalidItem, ParsedItem } from './decide-chunk';

/**
 * Two items of one batch at overlapping HS levels in the same partner-month (85 and 8542310000)
 * could never both stand (ADR 0006): the batch is refused before anything is read or written, each
 * item of every such pair named with the index of the other.
 */
export function rejectLevelOverlapsWithin(items: readonly ParsedItem[]): void {
  const invalid = findLevelOverlaps(items).flatMap(({ broader, narrower }): InvalidItem[] => [
    { index: broader.index, field: 'hsCode', reason: overlapReason(narrower) },
    { index: narrower.index, field: 'hsCode', reason: overlapReason(broader) },
  ]);
  if (invalid.length > 0) throw new InvalidStatisticsBatchError(invalid.sort((a, b) => a.index - b.index));
}

function overlapReason(other: ParsedItem): string {
  return `overlaps item ${other.index} (${other.key}): within one partner and month no HS code may be a prefix of another's`;
}
