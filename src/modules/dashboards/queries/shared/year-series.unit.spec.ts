import { NO_FIGURES } from '../../domain/summary-figures';
import { decodeCursor, encodeCursor } from './read-model-reads';
import { yearSeries, type YearSummary } from './year-series';

const year = (y: number, months: Record<number, number>): YearSummary => {
  const list = Object.entries(months).map(([month, cents]) => ({ month: Number(month), valueUsdCents: cents, weightGrams: 0, factCount: 1 }));
  return { year: y, valueUsdCents: list.reduce((sum, m) => sum + m.valueUsdCents, 0), weightGrams: 0, factCount: list.length, months: list };
};

describe('yearSeries', () => {
  it('given three years, when summarized for the last, then growth, CAGR from the first year and seasonality follow from the cents', () => {
    // 2024: 100.00 (all in January), 2025: 200.00, 2026: 400.00 (half January, half July).
    const series = yearSeries([year(2024, { 1: 10_000 }), year(2025, { 1: 20_000 }), year(2026, { 1: 20_000, 7: 20_000 })], 2026);

    expect(series.total).toEqual({ valueUsd: '400.00', weightKg: '0.000', statisticCount: 2 });
    expect(series.previousYear.valueUsd).toBe('200.00');
    expect(series.yoyGrowth).toBe('1.000000');
    // (400 / 100)^(1/2) - 1 = 1.
    expect(series.cagr).toEqual({ fromYear: 2024, toYear: 2026, rate: '1.000000' });
    // January 500 of 700 over three years: 12 * 500 / 700; July 12 * 200 / 700.
    expect(series.seasonality?.[0]).toEqual({ month: 1, index: '8.571429' });
    expect(series.seasonality?.[6]).toEqual({ month: 7, index: '3.428571' });
    expect(series.monthly.map((m) => m.valueUsd)).toEqual(['200.00', '0.00', '0.00', '0.00', '0.00', '0.00', '200.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('given a first year with exports, when summarized for it, then there is no span for a CAGR and no growth base', () => {
    const series = yearSeries([year(2026, { 3: 5 })], 2026);

    expect(series.cagr).toBeNull();
    expect(series.yoyGrowth).toBeNull();
  });

  it('given no summary for the year, when summarized, then it is zero with twelve empty months', () => {
    const series = yearSeries([], 2026);

    expect(series.total).toEqual({ valueUsd: '0.00', weightKg: '0.000', statisticCount: NO_FIGURES.factCount });
    expect(series.seasonality).toBeNull();
    expect(series.monthly).toHaveLength(12);
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
