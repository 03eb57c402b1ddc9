import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Country, CountryReference, customsNameKey, loadCountryReference } from './countries';
import { CUSTOMS_COUNTRY_ALIASES_FILE, referenceDataDir } from './reference-data.paths';

// Reads the committed data/reference files: deterministic, so fine for a unit test.
const countries = loadCountryReference();
const aliasFile = JSON.parse(readFileSync(join(referenceDataDir(), CUSTOMS_COUNTRY_ALIASES_FILE), 'utf8')) as {
  generated: { name: string; code: string }[];
  manual: { name: string; code: string }[];
};

const country = (code: string, nameKo = `${code}-ko`): Country => ({
  code,
  nameEn: `${code}-en`,
  nameKo,
  region: null,
  continent: null,
});

describe('CountryReference (committed countries.json)', () => {
  it('given the file, when listed, then it holds the 249 ISO 3166-1 countries plus ZZ, sorted and unique', () => {
    const codes = countries.all().map((c) => c.code);

    expect(codes).toHaveLength(250);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('given South Korea, when looked up, then it has the CLDR names and sits in Eastern Asia, Asia', () => {
    expect(countries.get('KR')).toEqual({
      code: 'KR',
      nameEn: 'South Korea',
      nameKo: '대한민국',
      region: { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' },
      continent: { code: '142', nameEn: 'Asia', nameKo: '아시아' },
    });
  });

  it('given the customs "other countries" code, when looked up, then ZZ is there without a region', () => {
    expect(countries.get('ZZ')).toMatchObject({ nameEn: 'Other countries', nameKo: '기타국가', region: null });
  });

  it('given CLDR pseudo-territories, when looked up, then none of them is a country', () => {
    for (const code of ['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'AC', 'IC', 'EA', '001', 'kr']) {
      expect(countries.get(code)).toBeUndefined();
    }
  });

  it('given every country but AQ and ZZ, when its region is read, then it has an M49 region and continent', () => {
    const withoutRegion = countries.all().filter((c) => c.region === null || c.continent === null);

    expect(withoutRegion.map((c) => c.code)).toEqual(['AQ', 'ZZ']);
    expect(countries.get('BR')?.region?.code).toBe('005');
    expect(countries.get('US')?.continent).toEqual({ code: '019', nameEn: 'Americas', nameKo: '아메리카 대륙' });
  });
});

describe('CountryReference.resolveCustomsName', () => {
  it('given KCS spellings that differ from CLDR, when resolved, then they give the ISO code', () => {
    expect(countries.resolveCustomsName('아랍에미리트 연합')).toBe('AE');
    expect(countries.resolveCustomsName('러시아 연방')).toBe('RU');
    expect(countries.resolveCustomsName('슬로바키아 공화국')).toBe('SK');
    expect(countries.resolveCustomsName('말레이지아')).toBe('MY');
    expect(countries.resolveCustomsName('호주')).toBe('AU');
    expect(countries.resolveCustomsName('홍콩')).toBe('HK');
    expect(countries.resolveCustomsName('기타국가')).toBe('ZZ');
  });

  it('given CLDR names, when resolved, then they give the ISO code', () => {
    expect(countries.resolveCustomsName('중국')).toBe('CN');
    expect(countries.resolveCustomsName('아랍에미리트')).toBe('AE');
    expect(countries.resolveCustomsName('대만')).toBe('TW');
  });

  it('given other spacing, when resolved, then whitespace does not matter', () => {
    expect(countries.resolveCustomsName('아랍에미리트연합')).toBe('AE');
    expect(countries.resolveCustomsName('  아랍에미리트 \u00A0 연합\t')).toBe('AE');
    expect(countries.resolveCustomsName('체코공화국')).toBe('CZ');
  });

  it('given decomposed Hangul, when resolved, then it matches the precomposed alias', () => {
    expect(countries.resolveCustomsName('중국'.normalize('NFD'))).toBe('CN');
  });

  it('given the total row dash or an unknown name, when resolved, then it is undefined', () => {
    expect(countries.resolveCustomsName('-')).toBeUndefined();
    expect(countries.resolveCustomsName('')).toBeUndefined();
    expect(countries.resolveCustomsName('콩고')).toBeUndefined(); // ambiguous: CG or CD
  });

  it('given the alias file, when every alias is resolved, then each maps to its code, which is a known country', () => {
    for (const alias of [...aliasFile.generated, ...aliasFile.manual]) {
      expect(countries.get(alias.code)).toBeDefined();
      expect(countries.resolveCustomsName(alias.name)).toBe(alias.code);
    }
  });

  it('given every country, when its Korean name is resolved, then it gives the country back', () => {
    for (const c of countries.all()) expect(countries.resolveCustomsName(c.nameKo)).toBe(c.code);
  });
});

describe('CountryReference construction', () => {
  it('given an alias to an unknown code, when built, then it throws', () => {
    expect(() => new CountryReference([country('KR')], [{ name: '북한', code: 'KP' }])).toThrow('no such country');
  });

  it('given one name for two codes once spacing is ignored, when built, then it throws', () => {
    const aliases = [
      { name: '콩고 공화국', code: 'CG' },
      { name: '콩고공화국', code: 'CD' },
    ];

    expect(() => new CountryReference([country('CG'), country('CD')], aliases)).toThrow('-> CG and CD');
  });

  it('given a malformed document, when parsed, then it throws', () => {
    expect(() => CountryReference.fromJson({ countries: [{ code: 'kr' }] }, { generated: [], manual: [] })).toThrow();
    expect(() => CountryReference.fromJson({ countries: [] }, {})).toThrow('"generated" is not an array');
  });

  it('given a name, when keyed, then whitespace is removed and Hangul composed', () => {
    expect(customsNameKey(' 러시아  연방 ')).toBe('러시아연방');
  });
});
