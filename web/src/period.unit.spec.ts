import { koreaMonth, parsePeriod, pickerMonths, pickerYears, trendRange } from './period';

describe('periods the page offers', () => {
  it('reads the current month in Korea, nine hours ahead of UTC', () => {
    expect(koreaMonth(new Date('2026-11-30T14:59:59Z'))).toEqual({ year: 2026, month: 11 });
    expect(koreaMonth(new Date('2026-11-30T15:00:00Z'))).toEqual({ year: 2026, month: 12 });
    expect(koreaMonth(new Date('2026-12-31T15:00:00Z'))).toEqual({ year: 2027, month: 1 });
  });

  it('offers ten years back from the current one', () => {
    expect(pickerYears({ year: 2026, month: 3 })).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
  });

  it('offers no month after the current one', () => {
    expect(pickerMonths(2026, { year: 2026, month: 3 })).toEqual([1, 2, 3]);
    expect(pickerMonths(2025, { year: 2026, month: 3 })).toHaveLength(12);
    expect(pickerMonths(2027, { year: 2026, month: 3 })).toEqual([]);
  });

  it('asks the trend from January five years back to December, or to the current month', () => {
    expect(trendRange(2025, { year: 2026, month: 12 })).toEqual({ from: '2020-01', to: '2025-12' });
    expect(trendRange(2026, { year: 2026, month: 12 })).toEqual({ from: '2021-01', to: '2026-12' });
    expect(trendRange(2026, { year: 2026, month: 4 })).toEqual({ from: '2021-01', to: '2026-04' });
  });

  it('reads YYYY-MM and nothing else', () => {
    expect(parsePeriod('2025-10')).toEqual({ year: 2025, month: 10 });
    expect(parsePeriod('2025-1')).toBeNull();
    expect(parsePeriod(null)).toBeNull();
  });
});
