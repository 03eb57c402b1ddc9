import { Period } from '../../../kernel/period';
import {
  horizonOf,
  isPublished,
  monthOnYearCoverage,
  monthsIn,
  publishedMonthsOf,
  publishedPart,
  rangeCagrCoverage,
  yearOnYearCoverage,
  type PeriodSpan,
  type RateCoverage,
} from './published-months';

const p = (text: string) => Period.parse(text);
const span = (from: string, to: string): PeriodSpan => ({ from: p(from), to: p(to) });
const text = (coverage: RateCoverage | null) =>
  coverage && { base: [coverage.base.from.toString(), coverage.base.to.toString()], current: [coverage.current.from.toString(), coverage.current.to.toString()] };

describe('published months', () => {
  const horizon = p('2026-08');

  it.each([
    [2025, 12],
    [2026, 8],
    [2027, 0],
  ])('given figures published through 2026-08, when the year %i is asked, then %i of its months are published', (year, months) => {
    expect(publishedMonthsOf(year, horizon)).toBe(months);
  });

  it('given nothing published at all, when anything is asked, then nothing is published', () => {
    expect(publishedMonthsOf(1990, null)).toBe(0);
    expect(isPublished(p('1990-01'), null)).toBe(false);
    expect(publishedPart(span('1990-01', '1990-12'), null)).toBeNull();
  });

  it('given a span across the horizon, when cut to what is published, then it ends at the horizon; past it, nothing is left', () => {
    expect(publishedPart(span('2026-03', '2026-12'), horizon)).toEqual(span('2026-03', '2026-08'));
    expect(publishedPart(span('2025-01', '2026-05'), horizon)).toEqual(span('2025-01', '2026-05'));
    expect(publishedPart(span('2026-09', '2026-12'), horizon)).toBeNull();
    expect(monthsIn(span('2025-01', '2026-08'))).toBe(20);
  });
});

describe('the publication horizon', () => {
  it('given figures through a month, when the horizon is taken, then it is that month', () => {
    expect(horizonOf(p('2026-06'), new Date('2026-08-10T00:00:00Z'))?.toString()).toBe('2026-06');
    expect(horizonOf(null, new Date('2026-08-10T00:00:00Z'))).toBeNull();
  });

  it('given a figure later than the current month in Korea, when the horizon is taken, then it stops at the current month', () => {
    expect(horizonOf(p('2026-10'), new Date('2026-08-10T00:00:00Z'))?.toString()).toBe('2026-08');
    // 2026-08-31T15:30Z is already September 1st in Seoul.
    expect(horizonOf(p('2026-10'), new Date('2026-08-31T15:30:00Z'))?.toString()).toBe('2026-09');
  });
});

describe('what a year-on-year rate covers', () => {
  it('given a year in progress (published through August), when compared, then January-August of both years', () => {
    expect(text(yearOnYearCoverage(2026, p('2026-08')))).toEqual({ base: ['2025-01', '2025-08'], current: ['2026-01', '2026-08'] });
  });

  it('given a year published whole, when compared, then the twelve months of both years', () => {
    expect(text(yearOnYearCoverage(2025, p('2026-08')))).toEqual({ base: ['2024-01', '2024-12'], current: ['2025-01', '2025-12'] });
  });

  it('given a year nothing of which is published, or a first HS year with no year before, when compared, then there is no rate', () => {
    expect(yearOnYearCoverage(2027, p('2026-08'))).toBeNull();
    expect(yearOnYearCoverage(1988, p('2026-08'))).toBeNull();
  });

  it('given a published month, when compared, then with the same month a year earlier; an unpublished one has no rate', () => {
    expect(text(monthOnYearCoverage(p('2026-08'), p('2026-08')))).toEqual({ base: ['2025-08', '2025-08'], current: ['2026-08', '2026-08'] });
    expect(monthOnYearCoverage(p('2026-09'), p('2026-08'))).toBeNull();
    expect(monthOnYearCoverage(p('1988-05'), p('2026-08'))).toBeNull();
  });
});

describe('what a trend CAGR covers', () => {
  it('given a range that ends in a year in progress, when compounded, then the first full year against the year in progress over January to the horizon', () => {
    expect(text(rangeCagrCoverage(span('2023-01', '2026-12'), p('2026-06')))).toEqual({ base: ['2023-01', '2023-06'], current: ['2026-01', '2026-06'] });
  });

  it('given a range that starts mid-year, when compounded, then it starts at the next January', () => {
    expect(text(rangeCagrCoverage(span('2022-03', '2025-12'), p('2026-06')))).toEqual({ base: ['2023-01', '2023-12'], current: ['2025-01', '2025-12'] });
  });

  it('given a range that ends mid-year by choice, when compounded, then the same months of the first year', () => {
    expect(text(rangeCagrCoverage(span('2023-01', '2025-04'), p('2026-06')))).toEqual({ base: ['2023-01', '2023-04'], current: ['2025-01', '2025-04'] });
  });

  it('given fewer than two years in the published part of the range, when compounded, then there is no rate', () => {
    expect(rangeCagrCoverage(span('2026-01', '2026-12'), p('2026-06'))).toBeNull();
    expect(rangeCagrCoverage(span('2025-02', '2026-12'), p('2026-06'))).toBeNull();
    expect(rangeCagrCoverage(span('2025-01', '2026-12'), p('2025-12'))).toBeNull();
    expect(rangeCagrCoverage(span('2025-01', '2026-12'), null)).toBeNull();
  });
});
