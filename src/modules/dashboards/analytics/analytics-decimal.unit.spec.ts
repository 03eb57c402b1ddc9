import Decimal from 'decimal.js';
import { formatRatio, toAmount } from './analytics-decimal';

describe('toAmount', () => {
  it('given a decimal string or a Decimal of another clone, when parsed, then the exact value is kept', () => {
    expect(toAmount('1234.56', 'x').toFixed()).toBe('1234.56');
    expect(toAmount(new Decimal('0.1'), 'x').plus('0.2').toFixed()).toBe('0.3');
  });

  it('given a negative, infinite or malformed input, when parsed, then a RangeError names the input', () => {
    expect(() => toAmount('-0.01', 'current')).toThrow(new RangeError('current must not be negative, got -0.01'));
    expect(() => toAmount('Infinity', 'total')).toThrow(RangeError);
    expect(() => toAmount('NaN', 'total')).toThrow(RangeError);
    expect(() => toAmount('12,5', 'part')).toThrow('part must be a decimal, got "12,5"');
  });

  it('given negative zero, when parsed, then it is accepted as zero', () => {
    expect(toAmount('-0', 'x').isZero()).toBe(true);
  });
});

describe('formatRatio', () => {
  it.each([
    ['0.1234565', '0.123456'], // half-even: the 6 stays even
    ['0.1234575', '0.123458'], // half-even: the 7 goes up to even
    ['0.12345651', '0.123457'], // above half: up
    ['-0.0000001', '0.000000'], // no negative zero
    ['2', '2.000000'],
  ])('given %s, when formatted, then it reads %s', (raw, printed) => {
    expect(formatRatio(new Decimal(raw))).toBe(printed);
  });
});
