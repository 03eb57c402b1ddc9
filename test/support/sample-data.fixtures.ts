import { Period } from '../../src/kernel/period';
import type { SampleStatistic } from '../../src/modules/sample-data/sample-statistics.generator';

/** A small builder for tests: one statistic per month of 2024 for one partner and product. */
export function statistic(overrides: Partial<SampleStatistic> = {}): SampleStatistic {
  return { countryCode: 'VN', hsCode: '854232', period: '2024-01', valueUsd: '1000', weightKg: '10', ...overrides };
}

export function months(count: number, overrides: Partial<SampleStatistic> = {}): SampleStatistic[] {
  return Array.from({ length: count }, (_, i) =>
    statistic({ period: Period.of(2024, (i % 12) + 1).toString(), hsCode: String(854232 + Math.floor(i / 12)), ...overrides }),
  );
}
