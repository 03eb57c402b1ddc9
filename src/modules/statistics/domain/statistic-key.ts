import { CountryCode } from '../../../kernel/country-code';
import { ValidationError } from '../../../kernel/domain-error';
import { HsCode } from '../../../kernel/hs-code';
import { Period } from '../../../kernel/period';

const STREAM_PREFIX = 'statistic:';
const CANONICAL = /^([A-Z]{2})-([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})-([0-9]{4}-[0-9]{2})$/;

/** The key fields as they travel in every statistic event. */
export interface StatisticKeyData {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
}

/**
 * Identifies one statistic: one figure per partner country, HS code and month. Its string form
 * `<country>-<hs>-<yyyy>-<mm>` (`CN-8518309000-2026-08`) is also the RabbitMQ routing key, so that
 * every event of one statistic hashes to the same queue, and the stream id is built from it.
 */
export class StatisticKey {
  private constructor(
    readonly country: CountryCode,
    readonly hs: HsCode,
    readonly period: Period,
  ) {
    Object.freeze(this);
  }

  static of(country: CountryCode, hs: HsCode, period: Period): StatisticKey {
    return new StatisticKey(country, hs, period);
  }

  /** From raw input; each part is validated and named as its own field. */
  static from(data: StatisticKeyData): StatisticKey {
    return new StatisticKey(CountryCode.of(data.countryCode), HsCode.of(data.hsCode), Period.parse(data.period));
  }

  /**
   * Parses the canonical string form only: a routing key or stream id is machine-written, so `cn-...`
   * would be a second spelling of one statistic, not a convenience.
   */
  static parse(raw: string, field = 'statisticKey'): StatisticKey {
    const match = typeof raw === 'string' ? CANONICAL.exec(raw) : null;
    if (match === null) {
      throw new ValidationError(field, `must look like CN-8518309000-2026-08, got ${JSON.stringify(raw)}`);
    }
    // The shape is right; the parts can still break a rule (month 13, year 1987), named by field.
    return StatisticKey.from({ countryCode: match[1], hsCode: match[2], period: match[3] });
  }

  static fromStreamId(streamId: string): StatisticKey {
    if (typeof streamId !== 'string' || !streamId.startsWith(STREAM_PREFIX)) {
      throw new ValidationError('streamId', `must start with ${STREAM_PREFIX}, got ${JSON.stringify(streamId)}`);
    }
    return StatisticKey.parse(streamId.slice(STREAM_PREFIX.length), 'streamId');
  }

  get streamId(): string {
    return `${STREAM_PREFIX}${this.toString()}`;
  }

  toData(): StatisticKeyData {
    return { countryCode: this.country.value, hsCode: this.hs.value, period: this.period.toString() };
  }

  /** True when `data` names this statistic; compares strings, so it needs no parsing. */
  matches(data: StatisticKeyData): boolean {
    return data.countryCode === this.country.value && data.hsCode === this.hs.value && data.period === this.period.toString();
  }

  equals(other: StatisticKey): boolean {
    return this.toString() === other.toString();
  }

  toString(): string {
    return `${this.country.value}-${this.hs.value}-${this.period.toString()}`;
  }
}
