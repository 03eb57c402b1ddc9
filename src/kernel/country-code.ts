import { ValidationError } from './domain-error';

const ALPHA_2 = /^[A-Za-z]{2}$/;

/**
 * An ISO 3166-1 alpha-2 code, or `ZZ`, which the customs service uses for "other countries".
 *
 * Only the shape is checked here; whether the code names a country we know is a question for
 * reference data, which the aggregates ask through a lookup.
 *
 * Lowercase input is accepted and upper-cased: the codes are case-insensitive in ISO usage and
 * clients type `cn`. What is stored, logged and routed is always the upper-case form, so one
 * country never becomes two streams. Whitespace is refused rather than trimmed: padding around a
 * code usually means a column was misread, and that is better reported than hidden.
 */
export class CountryCode {
  static readonly OTHER_COUNTRIES = 'ZZ';

  private constructor(readonly value: string) {
    Object.freeze(this);
  }

  static of(raw: string, field = 'countryCode'): CountryCode {
    if (typeof raw !== 'string') throw new ValidationError(field, 'must be a string');
    if (!ALPHA_2.test(raw)) {
      throw new ValidationError(field, `must be two ASCII letters (ISO 3166-1 alpha-2), got ${JSON.stringify(raw)}`);
    }
    return new CountryCode(raw.toUpperCase());
  }

  get isOtherCountries(): boolean {
    return this.value === CountryCode.OTHER_COUNTRIES;
  }

  equals(other: CountryCode): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
