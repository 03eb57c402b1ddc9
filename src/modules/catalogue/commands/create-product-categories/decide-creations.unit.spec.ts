import { ValidationError } from '../../../../kernel/domain-error';
import type { NewProductCategory } from './create-product-categories.command';
import { categoriesToCreate } from './decide-creations';

const entry = (code: string): NewProductCategory => ({
  hsCode: code,
  section: 'XVI',
  descriptionEn: `Entry ${code}`,
  descriptionKo: null,
});

describe('categoriesToCreate', () => {
  it('given known parents, when decided, then unknown entries are created with their section, without Korean names', () => {
    const entries = [entry('8518'), entry('8519'), { ...entry('9901'), section: null }];

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

  it('given a parent earlier in the list, when decided, then its child is created after it', () => {
    const decided = categoriesToCreate([entry('8518'), entry('851810')], new Set(['85']));

    expect(decided.map(({ category }) => category.code.value)).toEqual(['8518', '851810']);
  });
});
