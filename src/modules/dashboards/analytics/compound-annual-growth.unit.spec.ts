import { compoundAnnualGrowthRate } from './compound-annual-growth';

describe('compoundAnnualGrowthRate', () => {
  it('given 100 growing to 121 over 2 years, when compounded, then it is 10 % a year (1.1 * 1.1 = 1.21)', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '100', lastValue: '121', years: 2 })).toBe('0.100000');
  });

  it('given 1000 falling to 729 over 3 years, when compounded, then it is -10 % a year (0.9^3 = 0.729)', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '1000', lastValue: '729', years: 3 })).toBe('-0.100000');
  });

  it('given a doubling over 4 years, when compounded, then it is 2^(1/4) - 1 = 18.9207 %', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '50', lastValue: '100', years: 4 })).toBe('0.189207');
  });

  it('given one year, when compounded, then it equals the plain growth', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '200', lastValue: '230', years: 1 })).toBe('0.150000');
  });

  it('given trade that stopped, when compounded, then it is -100 %', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '200', lastValue: '0', years: 3 })).toBe('-1.000000');
  });

  it('given a zero first value or a span that is not positive, when compounded, then there is no rate', () => {
    expect(compoundAnnualGrowthRate({ firstValue: '0', lastValue: '121', years: 2 })).toBeNull();
    expect(compoundAnnualGrowthRate({ firstValue: '100', lastValue: '121', years: 0 })).toBeNull();
    expect(compoundAnnualGrowthRate({ firstValue: '100', lastValue: '121', years: -2 })).toBeNull();
  });

  it('given years that are not a finite number, when compounded, then it is refused', () => {
    expect(() => compoundAnnualGrowthRate({ firstValue: '1', lastValue: '2', years: Number.NaN })).toThrow(RangeError);
  });
});
