import { ValidationError } from './domain-error';

/**
 * The first year a figure can have. The Harmonized System came into force on 1 January 1988 and Korea
 * classified its trade by it from then on; an HS-coded statistic for an earlier month cannot exist.
 */
export const FIRST_YEAR = 1988;
/** The `YYYY-MM` form has four year digits. The real upper bound is "not in the future", see isAfter. */
const LAST_YEAR = 9999;
/**
 * Korea Standard Time is UTC+9 all year (Korea last used daylight saving in 1988, and only the
 * present month is ever compared). The customs service closes
 * its months in Korean time, so "the current month" is Korea's: at 2026-11-30T15:30Z it is already
 * December in Seoul, and a server in UTC must not refuse the December figures that are due.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const PATTERN = /^([0-9]{4})-([0-9]{2})$/;
/**
 * A period's spelling with a valid month, as a consumer checks it on the wire: the shape only. Which
 * years exist is the publisher's rule (Period.of), and a consumer trusts the contract, not the rule.
 */
export const PERIOD_TEXT = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar month of trade, e.g. 2026-08. */
export class Period {
  /** January of the first HS year: the earliest month a figure can have. */
  static readonly FIRST: Period = new Period(FIRST_YEAR, 1);

  private constructor(
    readonly year: number,
    readonly month: number,
  ) {
    Object.freeze(this);
  }

  static of(year: number, month: number, field = 'period'): Period {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
      throw new ValidationError(field, `year must be an integer from ${FIRST_YEAR}, got ${year}`);
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new ValidationError(field, `month must be an integer from 1 to 12, got ${month}`);
    }
    return new Period(year, month);
  }

  /** January to December of `year`, in order. */
  static monthsOf(year: number, field = 'year'): Period[] {
    return Array.from({ length: 12 }, (_, i) => Period.of(year, i + 1, field));
  }

  /** Strict `YYYY-MM` with a two-digit month: `2026-8` is refused so that keys have one spelling. */
  static parse(raw: string, field = 'period'): Period {
    const match = typeof raw === 'string' ? PATTERN.exec(raw) : null;
    if (match === null) throw new ValidationError(field, `must look like YYYY-MM, got ${JSON.stringify(raw)}`);
    return Period.of(Number(match[1]), Number(match[2]), field);
  }

  /** The month, in Korea Standard Time, that contains the instant. */
  static containing(instant: Date): Period {
    const time = instant.getTime();
    if (Number.isNaN(time)) throw new RangeError('Period.containing needs a valid Date');
    const korea = new Date(time + KST_OFFSET_MS);
    return new Period(korea.getUTCFullYear(), korea.getUTCMonth() + 1);
  }

  /** True when this month starts after the Korean month that contains `instant`: a future period. */
  isAfter(instant: Date): boolean {
    return this.compare(Period.containing(instant)) > 0;
  }

  compare(other: Period): -1 | 0 | 1 {
    const difference = this.ordinal - other.ordinal;
    return difference < 0 ? -1 : difference > 0 ? 1 : 0;
  }

  equals(other: Period): boolean {
    return this.compare(other) === 0;
  }

  /**
   * The month `months` after this one (before it when negative): month arithmetic lives here, so
   * no caller counts years and months by hand. Past the first HS year it is refused like any period.
   */
  plusMonths(months: number, field = 'period'): Period {
    if (!Number.isInteger(months)) throw new RangeError(`plusMonths needs a whole number of months, got ${months}`);
    const ordinal = this.ordinal + months;
    return Period.of(Math.floor(ordinal / 12), (ordinal % 12) + 1, field);
  }

  /**
   * Like plusMonths, but null where the month would fall before the first HS year: no figure can
   * exist there, so a look-back (a year-on-year comparison, a query's lower bound) finds nothing.
   */
  plusMonthsOrNull(months: number): Period | null {
    if (!Number.isInteger(months)) throw new RangeError(`plusMonths needs a whole number of months, got ${months}`);
    const ordinal = this.ordinal + months;
    return ordinal < FIRST_YEAR * 12 ? null : this.plusMonths(months);
  }

  /** How many months `later` is after this one: 0 for the same month, negative when it is earlier. */
  monthsUntil(later: Period): number {
    return later.ordinal - this.ordinal;
  }

  toString(): string {
    return `${this.year}-${String(this.month).padStart(2, '0')}`;
  }

  private get ordinal(): number {
    return this.year * 12 + (this.month - 1);
  }
}
