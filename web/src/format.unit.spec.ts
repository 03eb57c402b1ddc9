import { count, displayName, isNegative, month, monthSpan, percent, ratio, usd, usdCompact } from './format';

describe('formatting for ko-KR and English', () => {
  it('writes amounts exactly, beyond what a float holds', () => {
    expect(usd('12345678901234567.89', 'en')).toBe('$12,345,678,901,234,567.89');
    expect(usd('1234567', 'ko')).toBe('US$1,234,567');
    expect(usd('12.5', 'en')).toBe('$12.50');
    expect(usd('12.00', 'en')).toBe('$12');
  });

  it('writes headline amounts compactly in each language', () => {
    expect(usdCompact('651234567890.12', 'en')).toBe('$651.2B');
    expect(usdCompact('651234567890.12', 'ko')).toBe('US$6512.3억');
  });

  it('writes fractions as percentages, growth with its sign', () => {
    expect(percent('0.250000', 'en')).toBe('25.0%');
    expect(percent('0.123456', 'ko', true)).toBe('+12.3%');
    expect(percent('-0.052000', 'en', true)).toBe('-5.2%');
    expect(percent('0.000000', 'en', true)).toBe('0.0%');
  });

  it('writes an HHI to four places and counts with separators', () => {
    expect(ratio('0.123456', 'en')).toBe('0.1235');
    expect(count(12345, 'ko')).toBe('12,345');
  });

  it('names months and runs of months in the reader language', () => {
    expect(month('2025-03', 'ko')).toBe('2025년 3월');
    expect(month('2025-03', 'en')).toBe('Mar 2025');
    expect(monthSpan('2025-01', '2025-10', 'ko')).toBe('2025년 1월~10월');
    expect(monthSpan('2024-01', '2025-10', 'en')).toBe('Jan 2024\u2009–\u2009Oct 2025'); // ICU puts thin spaces around the dash
    expect(monthSpan('2025-07', '2025-07', 'en')).toBe('Jul 2025');
  });

  it('shows Korean names in Korean and falls back to the other language, then the code', () => {
    const names = { nameKo: '중국', nameEn: 'China' };
    expect(displayName('ko', names, 'CN')).toBe('중국');
    expect(displayName('en', names, 'CN')).toBe('China');
    expect(displayName('ko', { nameKo: null, nameEn: 'China' }, 'CN')).toBe('China');
    expect(displayName('en', {}, 'CN')).toBe('CN');
  });

  it('tells a fall from a rise without a float', () => {
    expect(isNegative('-0.000001')).toBe(true);
    expect(isNegative('-0.000000')).toBe(false);
    expect(isNegative('0.5')).toBe(false);
  });

  it('refuses what is not a decimal', () => {
    expect(() => usd('1e9', 'en')).toThrow('not a decimal');
  });
});
