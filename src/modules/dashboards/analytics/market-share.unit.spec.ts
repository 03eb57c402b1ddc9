import fc from 'fast-check';
import Decimal from 'decimal.js';
import { marketShare, marketShares } from './market-share';

describe('marketShare', () => {
  it('given 25 of 100, when the share is taken, then it is a quarter', () => {
    expect(marketShare('25', '100')).toBe('0.250000');
  });

  it('given one third, when the share is taken, then it is rounded half-even to 6 places', () => {
    expect(marketShare('1', '3')).toBe('0.333333');
    expect(marketShare('2', '3')).toBe('0.666667');
  });

  it('given a zero total, when the share is taken, then there is none', () => {
    expect(marketShare('0', '0')).toBeNull();
  });

  it('given a part above its total (two reads that disagree), when the share is taken, then it shows above 1', () => {
    expect(marketShare('102', '100')).toBe('1.020000');
  });
});

describe('marketShares', () => {
  it('given 50, 30 and 20, when shared, then the shares are 0.5, 0.3 and 0.2 in input order', () => {
    expect(marketShares(['50', '30', '20'])).toEqual(['0.500000', '0.300000', '0.200000']);
  });

  it('given no values or only zeros, when shared, then there are no shares', () => {
    expect(marketShares([])).toBeNull();
    expect(marketShares(['0', '0.00'])).toBeNull();
  });

  it('given any non-negative amounts with a positive sum, when shared, then the shares sum to 1 within rounding', () => {
    const cents = fc.bigInt({ min: 0n, max: 10n ** 20n }).map((value) => new Decimal(value.toString()).div(100).toFixed());
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 40 }), (values) => {
        fc.pre(values.some((value) => value !== '0'));
        const shares = marketShares(values)!;
        const sum = shares.reduce((total, share) => total.plus(share), new Decimal(0));
        // each share is off by at most half a unit in the sixth decimal
        expect(sum.minus(1).abs().lte(new Decimal('0.0000005').times(values.length))).toBe(true);
      }),
    );
  });
});
