import { yearOnYearGrowth } from './year-on-year-growth';

describe('yearOnYearGrowth', () => {
  it('given 110 this year and 100 last year, when compared, then growth is 10 %', () => {
    expect(yearOnYearGrowth('110', '100')).toBe('0.100000');
  });

  it('given a fall from 200 to 150, when compared, then growth is -25 %', () => {
    expect(yearOnYearGrowth('150', '200')).toBe('-0.250000');
  });

  it('given trade that stopped, when compared, then growth is -100 %', () => {
    expect(yearOnYearGrowth('0', '987.65')).toBe('-1.000000');
  });

  it('given nothing last year, when compared, then there is no ratio', () => {
    expect(yearOnYearGrowth('500', '0')).toBeNull();
    expect(yearOnYearGrowth('0', '0.00')).toBeNull();
  });

  it('given cents that JS floats would blur, when compared, then the ratio is exact: 0.3 over 0.1+0.2', () => {
    expect(yearOnYearGrowth('0.30', '0.30')).toBe('0.000000');
    // 1/3 = 0.3333333... rounds to 6 places
    expect(yearOnYearGrowth('400', '300')).toBe('0.333333');
  });

  it('given 18-digit totals, when compared, then no precision is lost', () => {
    expect(yearOnYearGrowth('999999999999999999.99', '999999999999999999.98')).toBe('0.000000');
    expect(yearOnYearGrowth('700000000000000000.00', '683000000000000000.00')).toBe('0.024890');
  });
});
