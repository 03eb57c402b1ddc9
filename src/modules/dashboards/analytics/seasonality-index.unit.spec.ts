import fc from 'fast-check';
import Decimal from 'decimal.js';
import { MonthlyValue, seasonalityIndex } from './seasonality-index';

const year = (y: number, values: readonly string[]): MonthlyValue[] =>
  values.map((value, index) => ({ period: `${y}-${String(index + 1).padStart(2, '0')}`, value }));

describe('seasonalityIndex', () => {
  it('given a flat year, when indexed, then every month is 1', () => {
    const result = seasonalityIndex(year(2024, Array(12).fill('100')));

    expect(result).toHaveLength(12);
    expect(result!.every(({ index }) => index === '1.000000')).toBe(true);
  });

  it('given 11 months of 100 and a December of 220 (mean 110), when indexed, then December is 2 and the others 100/110', () => {
    const result = seasonalityIndex(year(2024, [...Array(11).fill('100'), '220']))!;

    expect(result[11]).toEqual({ month: 12, index: '2.000000' });
    expect(result[0]).toEqual({ month: 1, index: '0.909091' });
  });

  it('given only January and July of one year, when indexed, then the missing months count as zero', () => {
    const result = seasonalityIndex([
      { period: '2024-01', value: '300' },
      { period: '2024-07', value: '300' },
    ])!;

    // mean month = 600 / 12 = 50
    expect(result.map((m) => m.index)).toEqual(['6.000000', '0.000000', '0.000000', '0.000000', '0.000000', '0.000000',
      '6.000000', '0.000000', '0.000000', '0.000000', '0.000000', '0.000000']);
  });

  it('given two years, when indexed, then each calendar month is averaged over both years', () => {
    // January 100 and 300 (mean 200); every other month 200 in both years: mean month 200
    const values = [...year(2023, ['100', ...Array(11).fill('200')]), ...year(2024, ['300', ...Array(11).fill('200')])];

    expect(seasonalityIndex(values)!.every(({ index }) => index === '1.000000')).toBe(true);
  });

  it('given two values for one period, when indexed, then they are added up', () => {
    const values = [...year(2024, Array(12).fill('100')), { period: '2024-03', value: '100' }];

    expect(seasonalityIndex(values)![2]).toEqual({ month: 3, index: '1.846154' }); // 200 / (1300 / 12)
  });

  it('given nothing, or only zeros, when indexed, then there is no index', () => {
    expect(seasonalityIndex([])).toBeNull();
    expect(seasonalityIndex(year(2024, ['0', '0']))).toBeNull();
  });

  it('given a malformed period, when indexed, then it is refused', () => {
    expect(() => seasonalityIndex([{ period: '2024-13', value: '1' }])).toThrow('month must be an integer from 1 to 12');
  });

  it('given any full year, when indexed, then the twelve indexes average to 1 within rounding', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 12, maxLength: 12 }), (values) => {
        fc.pre(values.some((value) => value !== '0'));
        const sum = seasonalityIndex(year(2022, values))!.reduce((total, m) => total.plus(m.index), new Decimal(0));
        expect(sum.minus(12).abs().lte('0.000006')).toBe(true);
      }),
    );
  });
});
