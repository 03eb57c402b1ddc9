/**
 * Which periods the page offers and asks for. The service refuses a period after the current month
 * in Korea (READ_MODEL.FUTURE_PERIOD), so "now" is read in Asia/Seoul. Pure: `now` comes in.
 */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** How many years back the picker reaches, and the trend (with its CAGR) starts. */
export const PICKER_YEARS = 10;
export const CAGR_YEARS = 5;

export function koreaMonth(now: Date): YearMonth {
  const parts = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'numeric' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

export function pickerYears(current: YearMonth): number[] {
  return Array.from({ length: PICKER_YEARS }, (_, index) => current.year - index);
}

/** The months of `year` the picker offers: none after the current month. */
export function pickerMonths(year: number, current: YearMonth): number[] {
  const last = year < current.year ? 12 : year === current.year ? current.month : 0;
  return Array.from({ length: last }, (_, index) => index + 1);
}

/**
 * The range of the trend query behind the monthly chart (this year against last) and the CAGR:
 * January CAGR_YEARS years before `year` to December of `year`, cut at the current month.
 */
export function trendRange(year: number, current: YearMonth): { from: string; to: string } {
  const to = year < current.year ? period(year, 12) : period(current.year, current.month);
  return { from: period(year - CAGR_YEARS, 1), to };
}

export function period(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** "2025-10" to { year: 2025, month: 10 }; null for anything else. */
export function parsePeriod(text: string | null | undefined): YearMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}
