import { RepeatedStatisticInBatchError } from '../../statistics.errors';
import type { ParsedItem } from './decide-chunk';

/**
 * Refuses a batch that names one statistic twice, with the key and the indexes of its first two
 * items. Keys are compared as parsed, so `cn` and `CN` are the same statistic.
 */
export function assertEachKeyOnce(items: readonly ParsedItem[]): void {
  const firstIndex = new Map<string, number>();
  let first: { key: string; indexes: [number, number] } | null = null;
  let repeated = 0;
  for (const { index, key } of items) {
    const name = key.toString();
    const earlier = firstIndex.get(name);
    if (earlier === undefined) {
      firstIndex.set(name, index);
      continue;
    }
    repeated++;
    first ??= { key: name, indexes: [earlier, index] };
  }
  if (first) throw new RepeatedStatisticInBatchError(first.key, first.indexes, repeated);
}
