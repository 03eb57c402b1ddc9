import fc from 'fast-check';
import { ValidationError } from '../../../kernel/domain-error';
import { StatisticKey } from './statistic-key';

describe('StatisticKey', () => {
  it('given raw key fields, when built, then its string form is the routing key and its stream id is prefixed', () => {
    const key = StatisticKey.from({ countryCode: 'cn', hsCode: '8518309000', period: '2026-08' });

    expect(key.toString()).toBe('CN-8518309000-2026-08');
    expect(key.streamId).toBe('statistic:CN-8518309000-2026-08');
    expect(key.toData()).toEqual({ countryCode: 'CN', hsCode: '8518309000', period: '2026-08' });
  });

  it('given invalid raw fields, when built, then the error names the offending field', () => {
    expect(() => StatisticKey.from({ countryCode: 'CN', hsCode: '85183', period: '2026-08' })).toThrow(
      new ValidationError('hsCode', 'must be 2, 4, 6 or 10 digits, got 5'),
    );
    expect(() => StatisticKey.from({ countryCode: 'CHN', hsCode: '85', period: '2026-08' })).toThrow(/^countryCode /);
    expect(() => StatisticKey.from({ countryCode: 'CN', hsCode: '85', period: '2026-13' })).toThrow(/^period month/);
  });

  it.each(['CN-85-2026-08', 'ZZ-0101-1988-01', 'KR-851830-2026-12'])('given %s, when parsed, then it prints back the same', (raw) => {
    expect(StatisticKey.parse(raw).toString()).toBe(raw);
  });

  it.each(['cn-8518309000-2026-08', 'CN-8518309000-2026-8', 'CN-851830900-2026-08', 'CN_8518309000_2026_08', 'CN-8518309000-202608', ''])(
    'given the non-canonical %j, when parsed, then it is refused so that one statistic has one key',
    (raw) => {
      expect(() => StatisticKey.parse(raw)).toThrow(
        new ValidationError('statisticKey', `must look like CN-8518309000-2026-08, got ${JSON.stringify(raw)}`),
      );
    },
  );

  it('given the right shape but month 13, when parsed, then the period rule is reported', () => {
    expect(() => StatisticKey.parse('CN-85-2026-13')).toThrow('period month must be an integer from 1 to 12, got 13');
  });

  it('given a stream id, when parsed, then it gives the key back; other prefixes are refused', () => {
    expect(StatisticKey.fromStreamId('statistic:US-27-2025-01').toString()).toBe('US-27-2025-01');
    expect(() => StatisticKey.fromStreamId('country:US')).toThrow('streamId must start with statistic:, got "country:US"');
    expect(() => StatisticKey.fromStreamId('statistic:us-27-2025-01')).toThrow(/^streamId must look like/);
  });

  it('given key data, when matched, then only identical fields match', () => {
    const key = StatisticKey.parse('CN-85-2026-08');

    expect(key.matches({ countryCode: 'CN', hsCode: '85', period: '2026-08' })).toBe(true);
    expect(key.matches({ countryCode: 'CN', hsCode: '8501', period: '2026-08' })).toBe(false);
    expect(key.matches({ countryCode: 'CN', hsCode: '85', period: '2026-09' })).toBe(false);
    expect(key.matches({ countryCode: 'KR', hsCode: '85', period: '2026-08' })).toBe(false);
    expect(key.equals(StatisticKey.parse('CN-85-2026-08'))).toBe(true);
    expect(key.equals(StatisticKey.parse('CN-85-2026-07'))).toBe(false);
  });

  it('given any valid key, when its string form is parsed, then the same key comes back', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
    const key = fc.record({
      countryCode: fc.tuple(letter, letter).map(([a, b]) => a + b),
      hsCode: fc.constantFrom(2, 4, 6, 10).chain(digits),
      period: fc.tuple(fc.integer({ min: 1988, max: 9999 }), fc.integer({ min: 1, max: 12 })).map(
        ([year, month]) => `${year}-${String(month).padStart(2, '0')}`,
      ),
    });
    fc.assert(
      fc.property(key, (data) => {
        const parsed = StatisticKey.parse(StatisticKey.from(data).toString());

        expect(parsed.toData()).toEqual(data);
      }),
    );
  });
});
