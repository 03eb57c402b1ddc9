import { Period } from '../../kernel/period';
import { isClosedMonth, marketLevel, monthFactor, monthsBetween } from './sample-calendar';

describe('monthsBetween', () => {
  it('given a span over a year end, when listed, then every month from first to last is there', () => {
    expect(monthsBetween('2021-11', '2022-02').map(String)).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  });

  it('given from after to, or a malformed month, when listed, then it is refused', () => {
    expect(() => monthsBetween('2024-02', '2024-01')).toThrow('from 2024-02 is after to 2024-01');
    expect(() => monthsBetween('2024-1', '2024-03')).toThrow('from must look like YYYY-MM');
  });
});

describe('isClosedMonth', () => {
  it('given 20 November, when asked, then October is closed and November is not', () => {
    const now = new Date('2025-11-20T00:00:00Z');

    expect(isClosedMonth(Period.of(2025, 10), now)).toBe(true);
    expect(isClosedMonth(Period.of(2025, 11), now)).toBe(false);
    expect(isClosedMonth(Period.of(2025, 12), now)).toBe(false);
  });

  it('given 30 November 15:30 UTC, already December in Seoul, when asked, then November is closed', () => {
    expect(isClosedMonth(Period.of(2025, 11), new Date('2025-11-30T15:30:00Z'))).toBe(true);
  });
});

describe('monthFactor and marketLevel', () => {
  it('given the twelve month factors, when averaged, then they average about 1 with December highest', () => {
    const factors = Array.from({ length: 12 }, (_, i) => monthFactor(i + 1));

    expect(factors.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 1);
    expect(Math.max(...factors)).toBe(monthFactor(12));
  });

  it('given years in and outside the table, when levelled, then 2021 is 1, 2023 dips and later years grow 3 % a year', () => {
    expect(marketLevel(2021)).toBe(1);
    expect(marketLevel(2023)).toBeLessThan(marketLevel(2022));
    expect(marketLevel(2027)).toBeCloseTo(marketLevel(2025) * 1.03 ** 2, 10);
    expect(marketLevel(2017)).toBeCloseTo(marketLevel(2019) / 1.03 ** 2, 10);
  });
});
