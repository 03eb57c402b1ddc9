import { months, statistic } from '../../../test/support/sample-data.fixtures';
import type { SampleCorrection } from './sample-corrections';
import { seedBatches } from './seed-batches';

const retraction = { countryCode: 'VN', hsCode: '854232', period: '2024-01', reason: 'withdrawn' };
const corrections: SampleCorrection[] = [
  { kind: 'revise', round: 2, statistic: statistic({ period: '2024-02', valueUsd: '7' }) },
  { kind: 'revise', round: 1, statistic: statistic({ period: '2024-02', valueUsd: '6' }) },
  { kind: 'retract', round: 1, retraction },
  { kind: 'restore', round: 2, statistic: statistic({ valueUsd: '900' }) },
];

describe('seedBatches', () => {
  it('given 5 statistics and a batch size of 2, when batched, then they go as 2 + 2 + 1 records in order', () => {
    const data = months(5);
    const batches = [...seedBatches(data, [], 2)];

    expect(batches.map((b) => [b.kind, b.items.length])).toEqual([['record', 2], ['record', 2], ['record', 1]]);
    expect(batches.flatMap((b): readonly unknown[] => b.items)).toEqual(data);
  });

  it('given corrections in two rounds, when batched, then round 1 comes first, retractions before figures', () => {
    const batches = [...seedBatches(months(2), corrections, 10)];

    expect(batches.map((b) => [b.kind, b.items.map((i) => ('valueUsd' in i ? i.valueUsd : 'retract'))])).toEqual([
      ['record', ['1000', '1000']],
      ['retract', ['retract']],
      ['revise', ['6']],
      ['record', ['900']],
      ['revise', ['7']],
    ]);
  });

  it('given a batch size that is not a positive integer, when batched, then it is refused', () => {
    expect(() => [...seedBatches([], [], 0)]).toThrow(RangeError);
  });
});
