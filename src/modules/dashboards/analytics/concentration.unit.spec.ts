import fc from 'fast-check';
import Decimal from 'decimal.js';
import { herfindahlHirschmanIndex } from './concentration';

describe('herfindahlHirschmanIndex (0-1 scale)', () => {
  it('given shares 50/30/20, when measured, then HHI is 0.25 + 0.09 + 0.04 = 0.38 (3,800 points)', () => {
    expect(herfindahlHirschmanIndex(['500', '300', '200'])).toBe('0.380000');
  });

  it('given a single partner, when measured, then the market is fully concentrated', () => {
    expect(herfindahlHirschmanIndex(['123.45'])).toBe('1.000000');
  });

  it('given four equal partners, when measured, then HHI is 1/4', () => {
    expect(herfindahlHirschmanIndex(['10', '10', '10', '10'])).toBe('0.250000');
  });

  it('given zero values beside the others, when measured, then they are left out and change nothing', () => {
    expect(herfindahlHirschmanIndex(['500', '0', '300', '0.00', '200'])).toBe('0.380000');
  });

  it('given three equal partners, when measured, then the squared shares are rounded once: 0.333333', () => {
    expect(herfindahlHirschmanIndex(['1', '1', '1'])).toBe('0.333333');
  });

  it('given no values or only zeros, when measured, then there is no index', () => {
    expect(herfindahlHirschmanIndex([])).toBeNull();
    expect(herfindahlHirschmanIndex(['0', '0'])).toBeNull();
  });

  it('given n positive values, when measured, then HHI lies between 1/n and 1', () => {
    const amount = fc.bigInt({ min: 1n, max: 10n ** 18n }).map(String);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 60 }), (values) => {
        const hhi = new Decimal(herfindahlHirschmanIndex(values)!);
        const lowerBound = new Decimal(1).div(values.length).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN);
        expect(hhi.gte(lowerBound)).toBe(true);
        expect(hhi.lte(1)).toBe(true);
      }),
    );
  });

  it('given any values, when scaled by a common factor, then HHI does not change', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (values, factor) => {
        const scaled = values.map((value) => new Decimal(value).times(factor).toFixed());
        expect(herfindahlHirschmanIndex(scaled)).toBe(herfindahlHirschmanIndex(values));
      }),
    );
  });
});
