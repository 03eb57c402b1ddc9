import { Period } from '../../../kernel/period';

/**
 * Which months a figure or a rate covers. The customs service publishes a month around the 15th
 * of the next, so the latest published month (the publication horizon, see
 * publication/publication-horizon.ts) is usually one or two months behind the calendar. A month
 * after it has no rows because nobody has published them yet, not because trade stopped: it is
 * absent from every rate, never a zero.
 */

/** Consecutive months, both ends included. */
export interface PeriodSpan {
  readonly from: Period;
  readonly to: Period;
}

/** What a rate compares: `current` with `base`, the same calendar months of an earlier year. */
export interface RateCoverage {
  readonly base: PeriodSpan;
  readonly current: PeriodSpan;
}

/**
 * The horizon from the latest published month a source knows (the customs import's, or the read
 * model's latest month with figures): that month, but never after the current (Korean) month of
 * `now`, whatever a clock set back or a stray figure would suggest.
 */
export function horizonOf(latestPublished: Period | null, now: Date): Period | null {
  if (latestPublished === null) return null;
  const current = Period.containing(now);
  return latestPublished.compare(current) > 0 ? current : latestPublished;
}

/** Months in a span: 1 for a single month. */
export function monthsIn(span: PeriodSpan): number {
  return span.from.monthsUntil(span.to) + 1;
}

/** True when the month is published: on or before the horizon (nothing is without one). */
export function isPublished(period: Period, horizon: Period | null): boolean {
  return horizon !== null && period.compare(horizon) <= 0;
}

/**
 * How many months of `year`, from January, are published: 12 for a past year, 0 for a year nothing
 * of which is published yet, and the horizon's month for the year in progress.
 */
export function publishedMonthsOf(year: number, horizon: Period | null): number {
  if (horizon === null || horizon.year < year) return 0;
  return horizon.year === year ? horizon.month : 12;
}

/** The part of a span that is published; null when none of it is. */
export function publishedPart(span: PeriodSpan, horizon: Period | null): PeriodSpan | null {
  if (!isPublished(span.from, horizon)) return null;
  return { from: span.from, to: span.to.compare(horizon!) <= 0 ? span.to : horizon! };
}

/** January to `months` of `year`. */
export function yearToDate(year: number, months: number): PeriodSpan {
  return { from: Period.of(year, 1), to: Period.of(year, months) };
}

/** January to `months` of `baseYear` against the same months of `year`. */
export function likeMonths(baseYear: number, year: number, months: number): RateCoverage {
  return { base: yearToDate(baseYear, months), current: yearToDate(year, months) };
}

/**
 * A year against the year before, over the months of `year` that are published (a year in
 * progress is compared year-to-date with the same months a year earlier); null when nothing of
 * `year` is published, or the year before is older than any HS figure.
 */
export function yearOnYearCoverage(year: number, horizon: Period | null): RateCoverage | null {
  const months = publishedMonthsOf(year, horizon);
  if (months === 0 || Period.of(year, 1).plusMonthsOrNull(-12) === null) return null;
  return likeMonths(year - 1, year, months);
}

/** A month against the same month a year earlier; null when the month is not published. */
export function monthOnYearCoverage(period: Period, horizon: Period | null): RateCoverage | null {
  const before = period.plusMonthsOrNull(-12);
  if (before === null || !isPublished(period, horizon)) return null;
  return { base: { from: before, to: before }, current: { from: period, to: period } };
}

/**
 * A trend's CAGR: from the first calendar year whose January is in the range to the year of the
 * range's last published month, over the same months of both (January to that month: all twelve
 * when the range reaches a December that is published). Null without two such years.
 */
export function rangeCagrCoverage(range: PeriodSpan, horizon: Period | null): RateCoverage | null {
  const end = publishedPart(range, horizon)?.to;
  const firstYear = range.from.month === 1 ? range.from.year : range.from.year + 1;
  if (!end || end.year <= firstYear) return null;
  return likeMonths(firstYear, end.year, end.month);
}

/** The figures of the months of `span` (null for a month without figures, which counts as none). */
export function sumOver<T>(span: PeriodSpan, at: (period: Period) => T | null | undefined, add: (a: T, b: T) => T, none: T): T {
  let total = none;
  for (let i = 0; i < monthsIn(span); i++) total = add(total, at(span.from.plusMonths(i)) ?? none);
  return total;
}
