import fc from 'fast-check';
import { ValidationError } from './domain-error';
import { UsdAmount } from './money';

describe('UsdAmount.parse', () => {
  it.each([
    ['1234', '1234.00'],
    ['1234.5', '1234.50'],
    ['1234.50', '1234.50'],
    ['0', '0.00'],
    ['0.01', '0.01'],
    ['007.5', '7.50'],
    ['1.230', '1.23'],
  ])('given the string %s, when parsed, then its canonical form is %s', (raw, canonical) => {
    expect(UsdAmount.parse(raw).toString()).toBe(canonical);
  });

  it('given three significant decimals, when parsed, then it is refused rather than rounded', () => {
    expect(() => UsdAmount.parse('1.005')).toThrow(new ValidationError('valueUsd', 'must have at most 2 decimal places, got 1.005'));
  });

  it('given a negative amount, when parsed, then it is refused as negative', () => {
    expect(() => UsdAmount.parse('-0.01')).toThrow('valueUsd must not be negative, got -0.01');
    expect(() => UsdAmount.parse(-1)).toThrow('valueUsd must not be negative, got -1');
    expect(() => UsdAmount.parse(-1n)).toThrow('valueUsd must not be negative, got -1');
  });

  it('given 18 integer digits, when parsed, then it is accepted; 19 digits are refused', () => {
    expect(UsdAmount.parse('999999999999999999.99').toString()).toBe('999999999999999999.99');
    expect(() => UsdAmount.parse('1000000000000000000')).toThrow('valueUsd must have at most 18 integer digits');
  });

  it.each(['1e6', '1E6', '1.5e2'])('given exponent notation %s, when parsed, then it is refused', (raw) => {
    expect(() => UsdAmount.parse(raw)).toThrow(`valueUsd must be written without exponent notation, got ${raw}`);
  });

  it.each(['', ' 1', '1 ', '1,000', '.5', '5.', '+5', '1.2.3', 'NaN', 'Infinity', '0x10', '١٢'])(
    'given the malformed string %j, when parsed, then it is refused as not a plain decimal',
    (raw) => {
      expect(() => UsdAmount.parse(raw)).toThrow(/^valueUsd must be a plain decimal like 1234\.50/);
    },
  );

  it('given an absurdly long string, when parsed, then it is refused without echoing it whole', () => {
    const attempt = () => UsdAmount.parse(`1.${'0'.repeat(100_000)}`);

    expect(attempt).toThrow('valueUsd must be a plain decimal like 1234.50, got "1.000000000000000000..."');
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'given the JS number %p, when parsed, then it is refused (floats are already rounded)',
    (raw) => {
      expect(() => UsdAmount.parse(raw)).toThrow(`valueUsd must be a decimal string or a safe integer, got the number ${raw}`);
    },
  );

  it('given integers as number and bigint, when parsed, then they are whole dollars', () => {
    expect(UsdAmount.parse(1234).toString()).toBe('1234.00');
    expect(UsdAmount.parse(-0).toString()).toBe('0.00');
    expect(UsdAmount.parse(123456789012345678n).toString()).toBe('123456789012345678.00');
  });

  it('given a custom field, when refused, then the error names it', () => {
    expect(() => UsdAmount.parse('-1', 'thresholdUsd')).toThrow('thresholdUsd must not be negative, got -1');
  });
});

describe('UsdAmount arithmetic and comparison', () => {
  it('given two amounts, when added, then the sum is exact (no binary rounding)', () => {
    expect(UsdAmount.parse('0.10').plus(UsdAmount.parse('0.20')).toString()).toBe('0.30');
  });

  it('given two amounts near the limit, when added past 18 integer digits, then it is refused', () => {
    const big = UsdAmount.parse('999999999999999999.99');

    expect(() => big.plus(UsdAmount.parse('0.01'))).toThrow('valueUsd must have at most 18 integer digits');
  });

  it('given amounts written differently, when compared, then equal values are equal', () => {
    expect(UsdAmount.parse('1234.5').equals(UsdAmount.parse('1234.50'))).toBe(true);
    expect(UsdAmount.parse('1234.5').equals(UsdAmount.parse('1234.51'))).toBe(false);
    expect(UsdAmount.parse('10').compare(UsdAmount.parse('9.99'))).toBe(1);
    expect(UsdAmount.parse('9.99').compare(UsdAmount.parse('10'))).toBe(-1);
    expect(UsdAmount.parse('1000000.01').isGreaterThan(UsdAmount.parse('1000000'))).toBe(true);
    expect(UsdAmount.parse('1000000.00').isGreaterThan(UsdAmount.parse('1000000'))).toBe(false);
    expect(UsdAmount.ZERO.toString()).toBe('0.00');
  });
});

describe('UsdAmount properties', () => {
  const cents = fc.bigInt({ min: 0n, max: 10n ** 20n - 1n });
  const asText = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;

  it('given any valid amount, when its canonical form is parsed again, then it round-trips', () => {
    fc.assert(
      fc.property(cents, (value) => {
        const amount = UsdAmount.parse(asText(value));

        expect(UsdAmount.parse(amount.toString()).equals(amount)).toBe(true);
        expect(amount.toString()).toBe(asText(value));
      }),
    );
  });

  it('given any two amounts, when added, then the sum matches integer arithmetic in cents', () => {
    const half = fc.bigInt({ min: 0n, max: 10n ** 19n });
    fc.assert(
      fc.property(half, half, (a, b) => {
        expect(UsdAmount.parse(asText(a)).plus(UsdAmount.parse(asText(b))).toString()).toBe(asText(a + b));
      }),
    );
  });
});
