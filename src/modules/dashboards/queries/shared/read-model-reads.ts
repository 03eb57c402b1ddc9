import type { Client } from '@elastic/elasticsearch';
import { ValidationError } from '../../../../kernel/domain-error';
import { FIRST_YEAR, Period } from '../../../../kernel/period';
import { FuturePeriodError, InvalidCursorError } from '../../dashboards.errors';
import { CENTS, fromUnits, GRAMS } from '../../domain/exact-units';
import { type Figures, type MonthFigures, NO_FIGURES, addFigures } from '../../domain/summary-figures';

/** Figures as clients get them: decimal strings from whole cents and grams, never floats. */
export interface FiguresView {
  readonly valueUsd: string;
  readonly weightKg: string;
  readonly statisticCount: number;
}

export interface MonthlyView extends FiguresView {
  readonly period: string;
  readonly year: number;
  readonly month: number;
}

export function figuresView(figures: Figures): FiguresView {
  return {
    valueUsd: fromUnits(figures.valueUsdCents, CENTS),
    weightKg: fromUnits(figures.weightGrams, GRAMS),
    statisticCount: figures.factCount,
  };
}

/** January to `published` (the months of `year` that are published; the rest are absent, not zeros). */
export function monthlyView(year: number, months: readonly MonthFigures[], published: number): MonthlyView[] {
  return Period.monthsOf(year).slice(0, published).map((period) => {
    const found = months.filter((m) => m.month === period.month).reduce<Figures>(addFigures, NO_FIGURES);
    return { period: period.toString(), year, month: period.month, ...figuresView(found) };
  });
}

/** Decimal string of cents, for the analytics functions (which take decimals, never numbers). */
export function usd(cents: number): string {
  return fromUnits(cents, CENTS);
}

export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > 9999) throw new ValidationError(field, `must be a year from ${FIRST_YEAR}, got ${year}`);
  return year;
}

/** A month the query may ask for: none after the current (Korean) month of `now`. */
export function checkNotFuture(period: Period, now: Date, field: string, asked = period.toString()): Period {
  if (period.isAfter(now)) throw new FuturePeriodError(field, asked, Period.containing(now));
  return period;
}

/** A year the query may ask for: a valid year whose January is not after the current month. */
export function checkPastYear(year: number, now: Date, field = 'year'): number {
  checkNotFuture(Period.of(checkYear(year, field), 1, field), now, field, String(year));
  return year;
}

/** A year and, when given, a month of it: valid, and neither after the current month of `now`. */
export function checkPastYearMonth(year: number, month: number | null | undefined, now: Date): { year: number; month: number | null } {
  checkPastYear(year, now);
  const checkedMonth = checkMonth(month);
  if (checkedMonth !== null) checkNotFuture(Period.of(year, checkedMonth), now, 'month');
  return { year, month: checkedMonth };
}

export function checkMonth(month: number | null | undefined, field = 'month'): number | null {
  if (month === null || month === undefined) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new ValidationError(field, `must be 1 to 12, got ${month}`);
  return month;
}

export function checkPageSize(first: number | null | undefined, fallback: number, max: number, field = 'first'): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw new ValidationError(field, `must be 1 to ${max}, got ${size}`);
  return size;
}

export function checkHsLevel(level: number | null | undefined, fallback: 2 | 4 | 6 = 6, field = 'level'): 2 | 4 | 6 {
  const value = level ?? fallback;
  if (value !== 2 && value !== 4 && value !== 6) throw new ValidationError(field, `must be 2, 4 or 6, got ${value}`);
  return value;
}

/** Opaque cursors: the sort values of the last row (and its rank), base64url JSON. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, length: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

/** Countries the dashboards leave out: few, read per query so a (de)activation shows at once. */
export async function inactiveCountries(client: Client, countriesIndex: string): Promise<string[]> {
  const response = await client.search<{ code: string }>({
    index: countriesIndex,
    size: 1_000,
    query: { term: { active: false } },
    _source: ['code'],
  });
  return response.hits.hits.map((hit) => hit._source!.code);
}

/** The national totals of some months, from the `total` monthly trend documents. */
export async function nationalMonths(client: Client, monthlyIndex: string, years: readonly number[]): Promise<Map<number, MonthFigures[]>> {
  const response = await client.search<MonthFigures & { year: number }>({
    index: monthlyIndex,
    size: years.length * 12,
    query: { bool: { filter: [{ term: { scope: 'total' } }, { terms: { year: [...years] } }] } },
    _source: ['year', 'month', 'valueUsdCents', 'weightGrams', 'factCount'],
  });
  const byYear = new Map<number, MonthFigures[]>(years.map((year) => [year, []]));
  for (const hit of response.hits.hits) {
    const { year, month, valueUsdCents, weightGrams, factCount } = hit._source!;
    byYear.get(year)?.push({ month, valueUsdCents, weightGrams, factCount });
  }
  return byYear;
}

export function sumMonths(months: readonly MonthFigures[] | undefined, month?: number | null): Figures {
  return (months ?? []).filter((m) => !month || m.month === month).reduce<Figures>(addFigures, NO_FIGURES);
}
