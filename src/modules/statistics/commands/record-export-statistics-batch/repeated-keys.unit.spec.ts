import fc from 'fast-check';
import { aKey, figures } from '../../../../../test/support/export-statistic.fixtures';
import { RepeatedStatisticInBatchError } from '../../statistics.errors';
import type { ParsedItem } from './decide-chunk';
import { assertEachKeyOnce } from './repeated-keys';

const item = (index: number, key: string): ParsedItem => ({ index, key: aKey(key), figures: figures('1.00') });
const KEYS = ['CN-8518309000-2026-08', 'US-8518309000-2026-08', 'JP-8518309000-2026-08', 'CN-8518309000-2026-07', 'CN-85-2026-08'];

function refusalOf(items: readonly ParsedItem[]): RepeatedStatisticInBatchError | null {
  try {
    assertEachKeyOnce(items);
    return null;
  } catch (error) {
    if (error instanceof RepeatedStatisticInBatchError) return error;
    throw error;
  }
}

describe('assertEachKeyOnce', () => {
  it('given every key once, then the batch passes', () => {
    expect(refusalOf(KEYS.map((key, index) => item(index, key)))).toBeNull();
  });

  it('given a key at items 1 and 3, then it is refused as VALIDATION naming the key and both indexes', () => {
    const refusal = refusalOf([item(0, KEYS[0]), item(1, KEYS[1]), item(2, KEYS[2]), item(3, KEYS[1])]);

    expect(refusal).toMatchObject({
      category: 'VALIDATION',
      code: 'STATISTIC.BATCH_REPEATED_KEY',
      details: { field: 'items', key: KEYS[1], indexes: [1, 3], repeatedCount: 1 },
    });
  });

  it('names the first repeat in list order and counts every item that repeats an earlier one', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KEYS), { maxLength: 30 }), (keys) => {
        const refusal = refusalOf(keys.map((key, index) => item(index, key)));
        // Computed apart from the code under test: the first index whose key occurred before it.
        const second = keys.findIndex((key, index) => keys.indexOf(key) < index);
        const repeated = keys.length - new Set(keys).size;
        if (second === -1) {
          expect(refusal).toBeNull();
          return;
        }
        expect(refusal?.details).toEqual({ field: 'items', key: keys[second], indexes: [keys.indexOf(keys[second]), second], repeatedCount: repeated });
      }),
    );
  });
});
