import { ValidationError } from '../../../../kernel/domain-error';
import type { Country as ReferenceCountry } from '../../countries';
import type { HsEntry } from '../../hs-nomenclature';
import { categoriesToCreate, countriesToRegister } from './decide-seed';

const country = (code: string, region: ReferenceCountry['region'] = null): ReferenceCountry => ({
  code,
  nameEn: `Country ${code}`,
  nameKo: `국가 ${code}`,
  region,
  continent: null,
});

const entry = (code: string): HsEntry => ({
  code,
  level: code.length as HsEntry['level'],
  kind: code.length === 2 ? 'chapter' : code.length === 4 ? 'heading' : 'subheading',
  description: `Entry ${code}`,
  section: 'XVI',
  parent: code.length === 2 ? undefined : code.slice(0, code.length - 2),
});

describe('countriesToRegister', () => {
  it('given some codes registered, when decided, then only the others are registered, each as a new stream', () => {
    const easternAsia = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };

    const decided = countriesToRegister([country('CN', easternAsia), country('KR'), country('ZZ')], new Set(['KR']));

    expect(decided.map(({ country, expectedVersion }) => [country.code.value, country.region, expectedVersion])).toEqual([
      ['CN', easternAsia, 0],
      ['ZZ', null, 0],
    ]);
    expect(decided[0]?.country.pullPendingEvents().map((event) => event.type)).toEqual(['CountryRegistered']);
  });
});

describe('categoriesToCreate', () => {
  it('given known parents, when decided, then unknown entries are created with their section, without Korean names', () => {
    const entries = [entry('8518'), entry('8519'), { ...entry('9901'), section: undefined }];

    const decided = categoriesToCreate(entries, new Set(['85', '8518', '99']));

    expect(decided.map(({ category }) => category.toSnapshot())).toEqual([
      expect.objectContaining({ section: 'XVI', descriptionEn: 'Entry 8519', descriptionKo: null, version: 1 }),
      expect.objectContaining({ section: null, descriptionEn: 'Entry 9901', version: 1 }),
    ]);
    expect(decided.map(({ category, expectedVersion }) => [category.code.value, expectedVersion])).toEqual([
      ['8519', 0],
      ['9901', 0],
    ]);
  });

  it('given an entry whose parent is not known, when decided, then it is refused: parents go first', () => {
    expect(() => categoriesToCreate([entry('851810')], new Set(['85']))).toThrow(
      new ValidationError('code', '851810 needs its parent 8518 in the catalogue first'),
    );
  });
});
