import type { CountryView } from '../../domain/denormalized-names';
import { rollUpCountryYear } from './country-summary.projector';

const AT = '2026-11-21T00:00:00.000Z';
const us: CountryView = {
  code: 'US',
  active: true,
  countryNameEn: 'United States',
  countryNameKo: '미국',
  regionCode: '021',
  regionNameEn: 'Northern America',
  regionNameKo: '북부 아메리카',
  continentCode: '019',
  continentNameEn: 'Americas',
  continentNameKo: '아메리카 대륙',
};

describe('rollUpCountryYear', () => {
  it('given some months, when rolled up, then the year is their exact sum and all twelve months are listed', () => {
    const summary = rollUpCountryYear(
      us,
      2026,
      [
        { month: 3, valueUsdCents: 10_001, weightGrams: 1, factCount: 2 },
        { month: 8, valueUsdCents: 9_007_199_254_000, weightGrams: 2_000, factCount: 1 },
      ],
      AT,
    );

    expect(summary).toMatchObject({ countryCode: 'US', countryNameKo: '미국', continentCode: '019', active: true, year: 2026 });
    expect(summary).toMatchObject({ valueUsdCents: 9_007_199_264_001, weightGrams: 2_001, factCount: 3, valueUsd: 90_071_992_640.01 });
    expect(summary.months).toHaveLength(12);
    expect(summary.months[0]).toEqual({ month: 1, valueUsdCents: 0, weightGrams: 0, factCount: 0 });
    expect(summary.months[7]).toEqual({ month: 8, valueUsdCents: 9_007_199_254_000, weightGrams: 2_000, factCount: 1 });
  });

  it('given no months, when rolled up, then the year is zero (a country whose statistics were all retracted)', () => {
    expect(rollUpCountryYear(us, 2026, [], AT)).toMatchObject({ valueUsdCents: 0, weightGrams: 0, factCount: 0, valueUsd: 0 });
  });

  it('given sums beyond 2^53 cents, when rolled up, then it refuses instead of losing cents', () => {
    const huge = { month: 1, valueUsdCents: Number.MAX_SAFE_INTEGER, weightGrams: 0, factCount: 1 };

    expect(() => rollUpCountryYear(us, 2026, [huge, { ...huge, month: 2 }], AT)).toThrow('leaves the exact range');
  });
});
