import { Period } from '../../kernel/period';

/**
 * Korea's export year, roughly: January and February dip around the Lunar New Year, August around
 * the summer plant holidays, December peaks as orders close the year. Mean about 1.
 */
const MONTH_PROFILE = [0.9, 0.92, 1.03, 0.99, 1.01, 1.01, 0.99, 0.95, 1.02, 1.01, 1.03, 1.1] as const;

/**
 * The whole market's level by year, relative to 2021 (Korea's exports: 644 bn USD in 2021, 684 in
 * 2022, 632 in 2023, 684 in 2024). Years outside the table extrapolate by 3 % a year.
 */
const MARKET_LEVEL: Readonly<Record<number, number>> = {
  2019: 0.84, 2020: 0.79, 2021: 1.0, 2022: 1.06, 2023: 0.98, 2024: 1.06, 2025: 1.09,
};
const FIRST_TABLED = 2019;
const LAST_TABLED = 2025;
const EXTRAPOLATED_GROWTH = 1.03;

export function monthFactor(month: number): number {
  return MONTH_PROFILE[month - 1]!;
}

export function marketLevel(year: number): number {
  if (year < FIRST_TABLED) return MARKET_LEVEL[FIRST_TABLED]! / EXTRAPOLATED_GROWTH ** (FIRST_TABLED - year);
  if (year > LAST_TABLED) return MARKET_LEVEL[LAST_TABLED]! * EXTRAPOLATED_GROWTH ** (year - LAST_TABLED);
  return MARKET_LEVEL[year]!;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): Period[] {
  const first = Period.parse(from, 'from');
  const last = Period.parse(to, 'to');
  if (first.compare(last) > 0) throw new RangeError(`from ${from} is after to ${to}`);
  const periods: Period[] = [];
  for (let period = first; period.compare(last) <= 0; period = period.plusMonths(1)) periods.push(period);
  return periods;
}

/**
 * True for a month that can have figures at `now`: one before the Korean month containing it. The
 * customs service publishes a month around the 15th of the next, so the current month has no
 * figures yet, and the domain refuses future ones anyway.
 */
export function isClosedMonth(period: Period, now: Date): boolean {
  return period.compare(Period.containing(now)) < 0;
}
