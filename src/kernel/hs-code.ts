import { ValidationError } from './domain-error';

/** Digits of an HS code: chapter, heading, subheading, or a 10-digit Korean HSK line. */
export type HsLevel = 2 | 4 | 6 | 10;

const LEVELS: readonly HsLevel[] = [2, 4, 6, 10];
const DIGITS = /^[0-9]+$/;

function isLevel(length: number): length is HsLevel {
  return LEVELS.some((level) => level === length);
}

/**
 * A Harmonized System code: 2, 4 or 6 international digits, or a 10-digit HSK national line.
 *
 * Always a string: leading zeros are significant (`0101` is live horses, not `101`), so a number is
 * refused rather than padded, because the caller may already have lost digits. Whether the chapter
 * exists is for reference data to say; this class only knows the shape and the hierarchy.
 */
export class HsCode {
  readonly level: HsLevel;

  private constructor(readonly value: string, level: HsLevel) {
    this.level = level;
    Object.freeze(this);
  }

  static of(raw: string, field = 'hsCode'): HsCode {
    if (typeof raw !== 'string') {
      throw new ValidationError(field, 'must be a string of digits (a number would lose leading zeros)');
    }
    if (!DIGITS.test(raw)) throw new ValidationError(field, `must contain only digits 0-9, got ${JSON.stringify(raw)}`);
    if (!isLevel(raw.length)) throw new ValidationError(field, `must be 2, 4, 6 or 10 digits, got ${raw.length}`);
    return new HsCode(raw, raw.length);
  }

  /** The two-digit chapter, e.g. `85`. */
  get chapter(): string {
    return this.value.slice(0, 2);
  }

  /** The four-digit heading, or null for a chapter. */
  get heading(): string | null {
    return this.level >= 4 ? this.value.slice(0, 4) : null;
  }

  /** The six-digit subheading, or null above that level. */
  get subheading(): string | null {
    return this.level >= 6 ? this.value.slice(0, 6) : null;
  }

  /** The code one level up (an HSK line's parent is its 6-digit subheading), or null for a chapter. */
  get parent(): HsCode | null {
    const index = LEVELS.indexOf(this.level);
    if (index === 0) return null;
    const level = LEVELS[index - 1];
    return new HsCode(this.value.slice(0, level), level);
  }

  /** True when this code sits under `prefix` in the hierarchy, or is `prefix` itself. */
  isWithin(prefix: HsCode): boolean {
    return prefix.level <= this.level && this.value.startsWith(prefix.value);
  }

  equals(other: HsCode): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
