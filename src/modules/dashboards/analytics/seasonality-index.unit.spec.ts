import fc from 'fast-check';
import Decimal from 'decimal.js';
import { MonthlyValue, seasonalityIndex } from './seasonality-index';

const year = (y: number, values: readonly string[]): MonthlyValue[] =>
  values.map((value, index) => ({ period: `${y}-${String(index + 1).padStart(2, '0')}`, value }));
const wholeYears = (first: number, last: number) => ({ from: `${first}-01`, to: `${last}-12` });

describe('seasonalityIndex', () => {
  it('given a flat year, when indexed, then every month is 1', () => {
    const result = seasonalityIndex(year(2024, Array(12).fill('100')), wholeYears(2024, 2024));
    expect(result).toHaveLength(12);
    expect(result!.every(({ index }) => index === '1.000000')).toBe(true);
  });

  it('given 11 months of 100 and a December of 220 (mean 110), when indexed, then December is 2 and the others 100/110', () => {
    const result = seasonalityIndex(year(2024, [...Array(11).fill('100'), '220']), wholeYears(2024, 2024))!;
    expect(result[11]).toEqual({ month: 12, index: '2.000000' });
    expect(result[0]).toEqual({ month: 1, index: '0.909091' });
  });

  it('given only January and July of a published year, when indexed, then the other months of the window count as zero', () => {
    const result = seasonalityIndex(
      [
        { period: '2024-01', value: '300' },
        { period: '2024-07', value: '300' },
      ],
      wholeYears(2024, 2024),
    )!;
    // mean month = 600 / 12 = 50
    expect(result.map((m) => m.index)).toEqual(['6.000000', '0.000000', '0.000000', '0.000000', '0.000000', '0.000000',
      '6.000000', '0.000000', '0.000000', '0.000000', '0.000000', '0.000000']);
  });

  it('given two years, when indexed, then each calendar month is averaged over both years', () => {
    // January 100 and 300 (mean 200); every other month 200 in both years: mean month 200
    const values = [...year(2023, ['100', ...Array(11).fill('200')]), ...year(2024, ['300', ...Array(11).fill('200')])];
    expect(seasonalityIndex(values, wholeYears(2023, 2024))!.every(({ index }) => index === '1.000000')).toBe(true);
  });

  it('given a window that ends in a year in progress, when indexed, then its unpublished months are absent, not a slump', () => {
    // 2024 all months 100; 2025 published through June, 200 a month. Means: January-June
    // (100 + 200) / 2 = 150, July-December 100 / 1 = 100; mean of the twelve means 1500 / 12 = 125:
    // January-June 150 / 125 = 1.2, July-December 100 / 125 = 0.8. (Read as zeros, July-December
    // would have been 12 * 100 / 2400 = 0.5.)
    const values = [...year(2024, Array(12).fill('100')), ...year(2025, Array(6).fill('200'))];

    const result = seasonalityIndex(values, { from: '2024-01', to: '2025-06' })!;

    expect(result.map((m) => m.index)).toEqual([...Array(6).fill('1.200000'), ...Array(6).fill('0.800000')]);
  });

  it('given a window that starts mid-year, when indexed, then each month is averaged over the years the window holds it', () => {
    // 2024-07 to 2025-06: each calendar month once; July 2024 300, everything else 100.
    // Means: July 300, others 100; sum 1400: July 12 * 300 / 1400, others 12 * 100 / 1400.
    const values = [{ period: '2024-07', value: '300' }, { period: '2025-01', value: '100' }];
    const others = ['2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'].map((period) => ({ period, value: '100' }));

    const result = seasonalityIndex([...values, ...others], { from: '2024-07', to: '2025-06' })!;

    expect(result[6]).toEqual({ month: 7, index: '2.571429' });
    expect(result[0]).toEqual({ month: 1, index: '0.857143' });
  });

  it('given two values for one period, when indexed, then they are added up', () => {
    const values = [...year(2024, Array(12).fill('100')), { period: '2024-03', value: '100' }];
    expect(seasonalityIndex(values, wholeYears(2024, 2024))![2]).toEqual({ month: 3, index: '1.846154' }); // 200 / (1300 / 12)
  });

  it('given fewer than twelve published months, nothing, or only zeros, when indexed, then there is no index', () => {
    expect(seasonalityIndex(year(2025, Array(11).fill('100')), { from: '2025-01', to: '2025-11' })).toBeNull();
    expect(seasonalityIndex([], wholeYears(2024, 2024))).toBeNull();
    expect(seasonalityIndex(year(2024, ['0', '0']), wholeYears(2024, 2024))).toBeNull();
  });

  it('given a malformed period or a value outside the window, when indexed, then it is refused', () => {
    expect(() => seasonalityIndex([{ period: '2024-13', value: '1' }], wholeYears(2024, 2024))).toThrow('month must be an integer from 1 to 12');
    expect(() => seasonalityIndex([{ period: '2025-01', value: '1' }], wholeYears(2024, 2024))).toThrow(
      new RangeError('values[0].period 2025-01 is outside the window 2024-01 to 2024-12'),
    );
  });

  it('given any window of at least twelve months, when indexed, then the twelve indexes average to 1 within rounding', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 12, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (values, startMonth) => {
        fc.pre(values.some((value) => value !== '0'));
        const periods = values.map((_, i) => {
          const ordinal = 2020 * 12 + startMonth - 1 + i;
          return `${Math.floor(ordinal / 12)}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
        });
        const result = seasonalityIndex(values.map((value, i) => ({ period: periods[i]!, value })), { from: periods[0]!, to: periods[periods.length - 1]! })!;
        const sum = result.reduce((total, m) => total.plus(m.index), new Decimal(0));
        expect(sum.minus(12).abs().lte('0.000006')).toBe(true);
      }),
    );
  });
});
