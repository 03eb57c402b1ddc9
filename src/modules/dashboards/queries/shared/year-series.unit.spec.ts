import { Period } from '../../../../kernel/period';
import { NO_FIGURES } from '../../domain/summary-figures';
import { decodeCursor, encodeCursor } from './read-model-reads';
import { yearSeries, type YearSummary } from './year-series';

const year = (y: number, months: Record<number, number>): YearSummary => {
  const list = Object.entries(months).map(([month, cents]) => ({ month: Number(month), valueUsdCents: cents, weightGrams: 0, factCount: 1 }));
  return { year: y, valueUsdCents: list.reduce((sum, m) => sum + m.valueUsdCents, 0), weightGrams: 0, factCount: list.length, months: list };
};

const span = (from: string, to: string, months: number) => ({ from, to, months });
const DECEMBER_2026 = Period.parse('2026-12');

describe('yearSeries', () => {
  it('given three years published whole, when summarized for the last, then growth, CAGR from the first year and seasonality follow from the cents', () => {
    // 2024: 100.00 (all in January), 2025: 200.00, 2026: 400.00 (half January, half July).
    const series = yearSeries([year(2024, { 1: 10_000 }), year(2025, { 1: 20_000 }), year(2026, { 1: 20_000, 7: 20_000 })], 2026, DECEMBER_2026);

    expect(series.total).toEqual({ valueUsd: '400.00', weightKg: '0.000', statisticCount: 2 });
    expect(series.previousYear.valueUsd).toBe('200.00');
    expect(series.yoyGrowth).toBe('1.000000');
    // (400 / 100)^(1/2) - 1 = 1.
    expect(series.yoyGrowthCovers).toEqual({ base: span('2025-01', '2025-12', 12), current: span('2026-01', '2026-12', 12) });
    expect(series.cagr).toEqual({ fromYear: 2024, toYear: 2026, rate: '1.000000', covers: { base: span('2024-01', '2024-12', 12), current: span('2026-01', '2026-12', 12) } });
    expect(series.seasonalityCovers).toEqual(span('2024-01', '2026-12', 36));
    expect(series.publishedThrough).toBe('2026-12');
    // January 500 of 700 over three years: 12 * 500 / 700; July 12 * 200 / 700.
    expect(series.seasonality?.[0]).toEqual({ month: 1, index: '8.571429' });
    expect(series.seasonality?.[6]).toEqual({ month: 7, index: '3.428571' });
    expect(series.monthly.map((m) => m.valueUsd)).toEqual(['200.00', '0.00', '0.00', '0.00', '0.00', '0.00', '200.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('given a first year with exports, when summarized for it, then there is no span for a CAGR and no growth base', () => {
    const series = yearSeries([year(2026, { 3: 5 })], 2026, DECEMBER_2026);

    expect(series.cagr).toBeNull();
    expect(series.yoyGrowth).toBeNull();
  });

  it('given no summary for a published year, when summarized, then it is zero with twelve empty months', () => {
    const series = yearSeries([], 2026, DECEMBER_2026);

    expect(series.total).toEqual({ valueUsd: '0.00', weightKg: '0.000', statisticCount: NO_FIGURES.factCount });
    expect(series.seasonality).toBeNull();
    expect(series.monthly).toHaveLength(12);
  });
});

describe('yearSeries of a year in progress', () => {
  // 2023: 100.00 a month all year (1,200.00); 2024: nothing; 2025: 150.00 a month (1,800.00);
  // 2026 published through June: 300.00 a month (1,800.00 so far).
  const everyMonth = (y: number, cents: number, through = 12) => year(y, Object.fromEntries(Array.from({ length: through }, (_, i) => [i + 1, cents])));
  const summaries = [everyMonth(2023, 10_000), everyMonth(2025, 15_000), everyMonth(2026, 30_000, 6)];
  const series = yearSeries(summaries, 2026, Period.parse('2026-06'));

  it('given figures through June, when compared with the year before, then January-June against January-June: 1800 / 900 - 1 = 1', () => {
    // Against all of 2025 (1,800.00) it would have read 0 %, and with nothing of 2026 published, -100 %.
    expect(series.previousYear.valueUsd).toBe('900.00');
    expect(series.yoyGrowth).toBe('1.000000');
    expect(series.yoyGrowthCovers).toEqual({ base: span('2025-01', '2025-06', 6), current: span('2026-01', '2026-06', 6) });
  });

  it('given figures through June, when compounded, then from the first year over the same months: (1800 / 600)^(1/3) - 1', () => {
    // 3^(1/3) = 1.44224957...; the year without exports (2024) is simply one of the three steps.
    expect(series.cagr).toEqual({ fromYear: 2023, toYear: 2026, rate: '0.442250', covers: { base: span('2023-01', '2023-06', 6), current: span('2026-01', '2026-06', 6) } });
  });

  it('given figures through June, when listed by month, then only the published months are there', () => {
    expect(series.total.valueUsd).toBe('1800.00');
    expect(series.monthly.map((m) => m.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(series.publishedThrough).toBe('2026-06');
  });

  it('given figures through June, when seasonality is taken, then July-December are averaged over the years they were published in', () => {
    // January-June: (100 + 0 + 150 + 300) / 4 = 137.5; July-December: (100 + 0 + 150) / 3 = 83.33...;
    // mean of the twelve means (6 * 137.5 + 6 * 83.33...) / 12 = 110.41666...: 1.245283 and 0.754717.
    expect(series.seasonality!.map((m) => m.index)).toEqual([...Array(6).fill('1.245283'), ...Array(6).fill('0.754717')]);
    expect(series.seasonalityCovers).toEqual(span('2023-01', '2026-06', 42));
  });

  it('given a year nothing of which is published yet, when summarized, then it has no growth, no CAGR and no months', () => {
    const nothingYet = yearSeries(summaries, 2026, Period.parse('2025-12'));

    expect(nothingYet.yoyGrowth).toBeNull();
    expect(nothingYet.yoyGrowthCovers).toBeNull();
    expect(nothingYet.cagr).toBeNull();
    expect(nothingYet.monthly).toEqual([]);
    expect(nothingYet.previousYear.valueUsd).toBe('1800.00');
  });

  it('given a first year whose exports all fall after the published months, when compounded, then the CAGR starts at the first year with exports in them', () => {
    const late = yearSeries([year(2023, { 11: 10_000 }), everyMonth(2024, 10_000), everyMonth(2026, 40_000, 6)], 2026, Period.parse('2026-06'));

    // 2024 January-June 600 -> 2026 January-June 2400 over 2 years: 4^(1/2) - 1 = 1.
    expect(late.cagr).toEqual({ fromYear: 2024, toYear: 2026, rate: '1.000000', covers: { base: span('2024-01', '2024-06', 6), current: span('2026-01', '2026-06', 6) } });
  });
});

describe('page cursors', () => {
  it('given sort values, when encoded and decoded, then they come back; anything else is a validation error', () => {
    expect(decodeCursor(encodeCursor([12_345, 'CN', 3]), 3)).toEqual([12_345, 'CN', 3]);
    expect(decodeCursor(null, 3)).toBeNull();
    expect(() => decodeCursor('not-a-cursor', 3)).toThrow('after is not a cursor this query returned');
    expect(() => decodeCursor(encodeCursor(['CN']), 3)).toThrow('after is not a cursor this query returned');
  });
});
