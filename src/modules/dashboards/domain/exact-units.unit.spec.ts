import { CENTS, fromUnits, GRAMS, toUnits, unitsFromSum } from './exact-units';

describe('exact units', () => {
  it.each([
    ['1234.50', CENTS, 123450],
    ['1234.5', CENTS, 123450],
    ['0', CENTS, 0],
    ['0.01', CENTS, 1],
    ['12.500', GRAMS, 12500],
    ['1.230', CENTS, 123],
    ['90071992547409.91', CENTS, 9007199254740991],
  ] as const)('given %s at scale %i, when converted, then it is %i units', (decimal, scale, units) => {
    expect(toUnits(decimal, scale)).toBe(units);
  });

  it.each([
    ['1.005', CENTS, 'more than 2 decimals'],
    ['-1', CENTS, 'not a plain non-negative decimal'],
    ['1e6', CENTS, 'not a plain non-negative decimal'],
    ['90071992547409.92', CENTS, 'outside the exact range'],
  ] as const)('given %s, when converted, then it is refused (%s)', (decimal, scale, message) => {
    expect(() => toUnits(decimal, scale)).toThrow(message);
  });

  it('given units, when shown, then they are plain decimals with the full scale', () => {
    expect(fromUnits(123450, CENTS)).toBe('1234.50');
    expect(fromUnits(5, CENTS)).toBe('0.05');
    expect(fromUnits(0, GRAMS)).toBe('0.000');
    expect(fromUnits(12_500n, GRAMS)).toBe('12.500');
  });

  it('given an Elasticsearch sum (a double), when read, then whole numbers pass and anything else is refused', () => {
    expect(unitsFromSum(5_046_399)).toBe(5_046_399);
    expect(unitsFromSum(null)).toBe(0);
    expect(() => unitsFromSum(0.5)).toThrow('outside the exact range');
    expect(() => unitsFromSum(2 ** 53)).toThrow('outside the exact range');
  });
});
