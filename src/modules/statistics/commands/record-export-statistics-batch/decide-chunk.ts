import { ValidationError } from '../../../../kernel/domain-error';
import type { ExportStatistic, StatisticContext, StatisticFigures } from '../../domain/export-statistic';
import type { StatisticKey } from '../../domain/statistic-key';
import type { DecidedStatistic } from '../../infrastructure/export-statistic.repository';

export interface ParsedItem {
  /** Position in the command's list, for error reports. */
  readonly index: number;
  readonly key: StatisticKey;
  readonly figures: StatisticFigures;
}

export interface InvalidItem {
  readonly index: number;
  readonly field: string;
  readonly reason: string;
}

export interface ChunkDecision {
  readonly decided: DecidedStatistic[];
  readonly invalid: InvalidItem[];
  readonly counts: { recorded: number; revised: number; unchanged: number };
}

/**
 * Applies a chunk to the statistics it names, in order: a missing or retracted statistic is
 * recorded, an active one revised to the new figures (no event when they are equal). A key that
 * appears twice gets both changes, on the same aggregate, against the version read once. Items
 * the domain refuses are reported, not thrown, so a whole batch can be checked before any write.
 */
export function decideChunk(
  items: readonly ParsedItem[],
  current: ReadonlyMap<string, ExportStatistic>,
  context: StatisticContext,
): ChunkDecision {
  const touched = new Map<string, DecidedStatistic>();
  const invalid: InvalidItem[] = [];
  const counts = { recorded: 0, revised: 0, unchanged: 0 };
  for (const { index, key, figures } of items) {
    const statistic = current.get(key.toString());
    if (!statistic) throw new Error(`statistic ${key} was not loaded`);
    if (!touched.has(key.toString())) touched.set(key.toString(), { statistic, expectedVersion: statistic.version });
    const before = statistic.version;
    try {
      if (statistic.status === 'active') {
        statistic.revise(statistic.version, figures, context);
        counts[statistic.version === before ? 'unchanged' : 'revised']++;
      } else {
        statistic.record(figures, context);
        counts.recorded++;
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      invalid.push({ index, field: error.field, reason: error.reason });
    }
  }
  const decided = [...touched.values()].filter(({ statistic, expectedVersion }) => statistic.version !== expectedVersion);
  return { decided, invalid, counts };
}

/**
 * Splits a batch into chunks of about `size` items, keeping every item of one key in one chunk,
 * so that chunks touch disjoint statistics and can be written in any order.
 */
export function chunkByKey(items: readonly ParsedItem[], size: number): ParsedItem[][] {
  const byKey = new Map<string, ParsedItem[]>();
  for (const item of items) {
    const key = item.key.toString();
    const group = byKey.get(key);
    if (group) group.push(item);
    else byKey.set(key, [item]);
  }
  const chunks: ParsedItem[][] = [];
  let chunk: ParsedItem[] = [];
  for (const group of byKey.values()) {
    chunk.push(...group);
    if (chunk.length >= size) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
