import { detectAnomaly, trailingMeanUsd, type AnomalySettings } from './anomaly-rule';
import { CENTS, toUnits } from './exact-units';

const cents = (usd: string) => toUnits(usd, CENTS);
/** Twelve months before the month, oldest (the year-ago month) first. */
const history = (yearAgo: string | null, others: string | null, ...overrides: [index: number, usd: string | null][]) => {
  const months = [yearAgo, ...Array.from({ length: 11 }, () => others)];
  for (const [index, usd] of overrides) months[index] = usd;
  return months.map((usd) => (usd === null ? null : cents(usd)));
};
const month = (value: string, trailing: (number | null)[]) => ({ valueCents: cents(value), trailing });

describe('anomaly rule', () => {
  const settings: AnomalySettings = { yoyFactor: '2', meanFactor: '1.5', minUsd: '1000' };

  it('given a year-ago month of 40 and eleven of 80 (mean 920 / 12 = 76.67), when 2,000 is exported, then it is a rise with both baselines', () => {
    // 2000 > 2 × 40; 2000 > 1.5 × 76.67; 2000 − 40 = 1960 > 1000; 2000 − 76.67 = 1923.33 > 1000
    const anomaly = detectAnomaly(month('2000', history('40', '80')), settings);
    expect(anomaly).toEqual({ direction: 'rise', valueCents: 200_000, yearAgoCents: 4_000, trailingSumCents: 92_000 });
    expect(trailingMeanUsd(anomaly!.trailingSumCents)).toBe('76.67');
  });

  it('given a year-ago month of 10,000 and eleven of 9,000 (mean 109,000 / 12 = 9,083.33), when 3,000 is exported, then it is a drop', () => {
    // 3000 × 2 = 6000 < 10000; 3000 × 1.5 = 4500 < 9083.33; 10000 − 3000 = 7000 > 1000; 9083.33 − 3000 > 1000
    const anomaly = detectAnomaly(month('3000', history('10000', '9000')), settings);
    expect(anomaly).toEqual({ direction: 'drop', valueCents: 300_000, yearAgoCents: 1_000_000, trailingSumCents: 10_900_000 });
    expect(trailingMeanUsd(anomaly!.trailingSumCents)).toBe('9083.33');
  });

  it('given a peak a year ago only (10,000, then eleven of 3,000: mean 3,583.33), when 4,000 is exported, then it dropped against the year but not the mean: nothing', () => {
    // 4000 × 2 = 8000 < 10000, but 4000 × 1.5 = 6000 is not below 3583.33
    expect(detectAnomaly(month('4000', history('10000', '3000')), settings)).toBeNull();
  });

  it('given twelve months of 100, when 900 is exported, then it is nine times both baselines but only 800 more: under the minimum, nothing', () => {
    expect(detectAnomaly(month('900', history('100', '100')), settings)).toBeNull();
    expect(detectAnomaly(month('900', history('100', '100')), { ...settings, minUsd: '500' })?.direction).toBe('rise');
  });

  it('given twelve months of 2,000, when exactly twice as much is exported, then it is not "more than" the factor; a cent more is', () => {
    expect(detectAnomaly(month('4000', history('2000', '2000')), settings)).toBeNull();
    expect(detectAnomaly(month('4000.01', history('2000', '2000')), settings)?.direction).toBe('rise');
  });

  it('given no fact in the year-ago month, when a huge month comes, then there is no baseline to compare: nothing', () => {
    expect(detectAnomaly(month('1000000', history(null, '100')), settings)).toBeNull();
  });

  it('given fewer than twelve months of history (one month missing), when a huge month comes, then nothing: the mean needs twelve', () => {
    expect(detectAnomaly(month('1000000', history('100', '100', [6, null])), settings)).toBeNull();
  });

  it('given months of zero exports recorded (facts of value 0), when the month rises, then they count as history', () => {
    // y = 0, sum = 11 × 0 + 0 = 0: any value above the minimum rises
    expect(detectAnomaly(month('1000.01', history('0', '0')), settings)?.direction).toBe('rise');
    expect(detectAnomaly(month('1000', history('0', '0')), settings)).toBeNull();
  });

  it('given a drop to zero from twelve months of 5,000, then it is a drop', () => {
    expect(detectAnomaly(month('0', history('5000', '5000')), settings)?.direction).toBe('drop');
  });
});
