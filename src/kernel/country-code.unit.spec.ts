import { CountryCode } from './country-code';
import { ValidationError } from './domain-error';

describe('CountryCode.of', () => {
  it('given an upper-case alpha-2 code, when created, then it keeps the code', () => {
    expect(CountryCode.of('CN').value).toBe('CN');
  });

  it('given a lower- or mixed-case code, when created, then it is normalized to upper case', () => {
    expect(CountryCode.of('cn').value).toBe('CN');
    expect(CountryCode.of('kR').toString()).toBe('KR');
  });

  it('given ZZ, when created, then it is accepted and known as "other countries"', () => {
    const other = CountryCode.of('ZZ');

    expect(other.isOtherCountries).toBe(true);
    expect(CountryCode.of('KR').isOtherCountries).toBe(false);
  });

  it.each(['', 'C', 'CHN', '12', 'C1', ' CN', 'CN ', 'É1', 'ÇN', 'Ｃ Ｎ'])(
    'given %j, when created, then it is refused naming the countryCode field',
    (raw) => {
      const attempt = () => CountryCode.of(raw);

      expect(attempt).toThrow(ValidationError);
      expect(attempt).toThrow(`countryCode must be two ASCII letters (ISO 3166-1 alpha-2), got ${JSON.stringify(raw)}`);
    },
  );

  it('given a custom field name, when refused, then the error names that field', () => {
    expect(() => CountryCode.of('X', 'code')).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'code' }) }));
  });

  it('given a non-string at run time, when created, then it is refused', () => {
    expect(() => CountryCode.of(82 as unknown as string)).toThrow('countryCode must be a string');
  });
});

describe('CountryCode.equals', () => {
  it('given the same code in different cases, when compared, then they are equal', () => {
    expect(CountryCode.of('us').equals(CountryCode.of('US'))).toBe(true);
    expect(CountryCode.of('US').equals(CountryCode.of('UM'))).toBe(false);
  });

  it('given a code, when someone tries to change it, then it stays the same', () => {
    const code = CountryCode.of('JP');

    expect(() => Object.assign(code, { value: 'KP' })).toThrow(TypeError);
    expect(code.value).toBe('JP');
  });
});
