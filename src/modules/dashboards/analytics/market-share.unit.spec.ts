import { marketShare } from './market-share';

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
