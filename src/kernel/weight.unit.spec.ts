import fc from 'fast-check';
import { ValidationError } from './domain-error';
import { WeightKg } from './weight';

describe('WeightKg.parse', () => {
  it.each([
    ['12', '12.000'],
    ['12.5', '12.500'],
    ['12.25', '12.250'],
    ['12.125', '12.125'],
    ['0', '0.000'],
    ['12.1250', '12.125'],
  ])('given %s, when parsed, then its canonical form is %s', (raw, canonical) => {
    expect(WeightKg.parse(raw).toString()).toBe(canonical);
  });

  it('given four significant decimals, when parsed, then it is refused rather than rounded', () => {
    expect(() => WeightKg.parse('0.0005')).toThrow(new ValidationError('weightKg', 'must have at most 3 decimal places, got 0.0005'));
  });

  it('given a negative weight, when parsed, then it is refused as negative', () => {
    expect(() => WeightKg.parse('-0.001')).toThrow('weightKg must not be negative, got -0.001');
  });

  it('given 18 integer digits, when parsed, then it is accepted; 19 digits are refused', () => {
    expect(WeightKg.parse('999999999999999999.999').toString()).toBe('999999999999999999.999');
    expect(() => WeightKg.parse(10n ** 18n)).toThrow('weightKg must have at most 18 integer digits');
  });

  it('given exponent notation or a float, when parsed, then it is refused', () => {
    expect(() => WeightKg.parse('2e3')).toThrow('weightKg must be written without exponent notation, got 2e3');
    expect(() => WeightKg.parse(2.5)).toThrow('weightKg must be a decimal string or a safe integer, got the number 2.5');
  });

  it('given an integer, when parsed, then it is whole kilograms', () => {
    expect(WeightKg.parse(42).toString()).toBe('42.000');
    expect(WeightKg.parse(42n).toString()).toBe('42.000');
  });
});

describe('WeightKg arithmetic and comparison', () => {
  it('given two weights, when added and compared, then the results are exact', () => {
    const sum = WeightKg.parse('0.001').plus(WeightKg.parse('0.002'));

    expect(sum.toString()).toBe('0.003');
    expect(sum.equals(WeightKg.parse('0.003'))).toBe(true);
    expect(sum.compare(WeightKg.parse('0.004'))).toBe(-1);
    expect(sum.isGreaterThan(WeightKg.ZERO)).toBe(true);
    expect(WeightKg.ZERO.isGreaterThan(sum)).toBe(false);
  });

  it('given 21 significant digits, when added, then no digit is rounded away', () => {
    const sum = WeightKg.parse('123456789012345678.123').plus(WeightKg.parse('0.001'));

    expect(sum.toString()).toBe('123456789012345678.124');
  });

  it('given a sum past 18 integer digits, when added, then it is refused', () => {
    expect(() => WeightKg.parse('999999999999999999.999').plus(WeightKg.parse('0.001'))).toThrow(
      'weightKg must have at most 18 integer digits',
    );
  });

  it('given any valid weight, when its canonical form is parsed again, then it round-trips', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 21n - 1n }), (grams) => {
        const text = `${grams / 1000n}.${String(grams % 1000n).padStart(3, '0')}`;

        expect(WeightKg.parse(text).toString()).toBe(text);
      }),
    );
  });
});
