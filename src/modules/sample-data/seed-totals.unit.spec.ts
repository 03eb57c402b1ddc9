import { statistic } from '../../../test/support/sample-data.fixtures';
import type { SampleCorrection } from './sample-corrections';
import { seedTotals } from './seed-totals';

describe('seedTotals', () => {
  const data = [
    statistic({ period: '2024-01', valueUsd: '100', weightKg: '1' }),
    statistic({ period: '2024-02', valueUsd: '200', weightKg: '2' }),
    statistic({ period: '2024-03', valueUsd: '300', weightKg: '3', countryCode: 'US', hsCode: '8703231000' }),
  ];

  it('given no corrections, when totalled, then everything counts', () => {
    expect(seedTotals(data, [])).toEqual({
      activeStatistics: 3,
      valueUsd: '600',
      weightKg: '6',
      countries: ['US', 'VN'],
      chapters: ['85', '87'],
    });
  });

  it('given a retraction and two revisions of one statistic, when totalled, then the last figures count', () => {
    const corrections: SampleCorrection[] = [
      { kind: 'retract', round: 1, retraction: { countryCode: 'VN', hsCode: '854232', period: '2024-01', reason: 'x' } },
      { kind: 'revise', round: 2, statistic: statistic({ period: '2024-02', valueUsd: '250', weightKg: '4' }) },
      { kind: 'revise', round: 1, statistic: statistic({ period: '2024-02', valueUsd: '220', weightKg: '9' }) },
    ];

    // 600 - 100 (retracted) - 200 + 250 (last revision) = 550
    expect(seedTotals(data, corrections)).toMatchObject({ activeStatistics: 2, valueUsd: '550', weightKg: '7' });
  });

  it('given a retraction restored in a later round, when totalled, then the restored figures count', () => {
    const corrections: SampleCorrection[] = [
      { kind: 'restore', round: 2, statistic: statistic({ period: '2024-01', valueUsd: '150', weightKg: '1' }) },
      { kind: 'retract', round: 1, retraction: { countryCode: 'VN', hsCode: '854232', period: '2024-01', reason: 'x' } },
    ];

    expect(seedTotals(data, corrections)).toMatchObject({ activeStatistics: 3, valueUsd: '650' });
  });
});
