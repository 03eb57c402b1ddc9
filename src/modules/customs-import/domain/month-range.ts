import { ValidationError } from '../../../kernel/domain-error';
import { Period } from '../../../kernel/period';

/** The customs service refuses a query whose start and end months are more than a year apart. */
export const MAX_MONTHS_PER_CALL = 12;
const PATTERN = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/;

/** Consecutive months, both ends included: `2025-01..2026-06`. */
export class MonthRange {
  private constructor(
    readonly first: Period,
    readonly last: Period,
  ) {
    Object.freeze(this);
  }

  static of(first: Period, last: Period, field = 'months'): MonthRange {
    if (first.compare(last) > 0) throw new ValidationError(field, `must not end (${last}) before it starts (${first})`);
    return new MonthRange(first, last);
  }

  /** `YYYY-MM..YYYY-MM`, or a single `YYYY-MM` for one month. */
  static parse(raw: string, field = 'months'): MonthRange {
    if (typeof raw === 'string' && /^\d{4}-\d{2}$/.test(raw)) {
      const month = Period.parse(raw, field);
      return new MonthRange(month, month);
    }
    const match = typeof raw === 'string' ? PATTERN.exec(raw) : null;
    if (match === null) throw new ValidationError(field, `must look like YYYY-MM..YYYY-MM, got ${JSON.stringify(raw)}`);
    return MonthRange.of(Period.parse(match[1], field), Period.parse(match[2], field), field);
  }

  get length(): number {
    return this.first.monthsUntil(this.last) + 1;
  }

  months(): Period[] {
    return Array.from({ length: this.length }, (_, i) => this.first.plusMonths(i));
  }

  /** Consecutive ranges of at most `size` months from the first month on, covering this one exactly once. */
  chunks(size: number = MAX_MONTHS_PER_CALL): MonthRange[] {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
    const chunks: MonthRange[] = [];
    for (let start = 0; start < this.length; start += size) {
      const first = this.first.plusMonths(start);
      chunks.push(new MonthRange(first, this.first.plusMonths(Math.min(start + size, this.length) - 1)));
    }
    return chunks;
  }

  /** Two halves (the first one longer by a month when odd); undefined for a single month. */
  halves(): [MonthRange, MonthRange] | undefined {
    if (this.length < 2) return undefined;
    const [left, right] = this.chunks(Math.ceil(this.length / 2));
    return [left, right];
  }

  equals(other: MonthRange): boolean {
    return this.first.equals(other.first) && this.last.equals(other.last);
  }

  toString(): string {
    return `${this.first}..${this.last}`;
  }
}
