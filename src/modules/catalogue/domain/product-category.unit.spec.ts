import { HsCode } from '../../../kernel/hs-code';
import { ValidationError } from '../../../kernel/domain-error';
import { ProductCategoryVersionConflictError } from '../catalogue.errors';
import { ProductCategory, productCategoryStreamId } from './product-category';
import { evolveProductCategory } from './product-category.state';
import { aCatalogueHolding, aProductCategory, categoryProps } from '../../../../test/support/product-category.fixtures';
import { initialProductCategoryState } from './product-category.state';

describe('ProductCategory.create', () => {
  it('given a subheading whose heading exists, when created, then ProductCategoryCreated v1 carries code, level, parent and names', () => {
    const category = ProductCategory.create(categoryProps({ code: '851810', descriptionEn: '  Microphones ' }), aCatalogueHolding('8518'));

    expect(category.pullPendingEvents()).toEqual([
      {
        type: 'ProductCategoryCreated',
        schemaVersion: 1,
        data: {
          code: '851810',
          level: 6,
          parentCode: '8518',
          section: 'XVI',
          descriptionEn: 'Microphones',
          descriptionKo: '마이크로폰과 그 받침대',
        },
      },
    ]);
    expect([category.level, category.parentCode?.value, category.version, category.streamId]).toEqual([6, '8518', 1, 'product:851810']);
  });

  it('given a chapter with leading zero, when created in an empty catalogue, then it needs no parent', () => {
    const category = ProductCategory.create(categoryProps({ code: '01', section: 'I', descriptionEn: 'Live animals' }), aCatalogueHolding());

    expect(category.parentCode).toBeNull();
    expect(category.pullPendingEvents()[0]?.data).toMatchObject({ code: '01', level: 2, parentCode: null });
  });

  it('given a 10-digit HSK line, when created, then its parent is the 6-digit subheading', () => {
    const category = ProductCategory.create(categoryProps({ code: '8518309000' }), aCatalogueHolding('851830'));

    expect(category.pullPendingEvents()[0]?.data).toMatchObject({ level: 10, parentCode: '851830' });
  });

  it.each([
    ['8518', '85'],
    ['851830', '8518'],
    ['8518309000', '851830'],
  ])('given %s whose parent %s is missing, when created, then it is a validation error on code', (code, parent) => {
    const everyOtherCode = ['85', '8518', '851830'].filter((known) => known !== parent);
    const attempt = () => ProductCategory.create(categoryProps({ code }), aCatalogueHolding(...everyOtherCode));

    expect(attempt).toThrow(new ValidationError('code', `${code} needs its parent ${parent} in the catalogue first`));
  });

  it('given only the grandparent, when a subheading is created, then it is still refused (no holes)', () => {
    expect(() => ProductCategory.create(categoryProps({ code: '851830' }), aCatalogueHolding('85'))).toThrow(ValidationError);
  });

  it('given no Korean description, when created, then it is null', () => {
    const category = ProductCategory.create(categoryProps({ code: '85', descriptionKo: undefined }), aCatalogueHolding());

    expect(category.descriptionKo).toBeNull();
  });

  it('given chapter 99 outside the 21 sections, when created with a null section, then it is accepted', () => {
    expect(ProductCategory.create(categoryProps({ code: '99', section: null }), aCatalogueHolding()).section).toBeNull();
  });

  it.each([
    [{ section: 'XXII' }, 'section', 'must be an HS section from I to XXI in upper-case Roman numerals, got "XXII"'],
    [{ section: 'xvi' }, 'section', 'must be an HS section from I to XXI in upper-case Roman numerals, got "xvi"'],
    [{ descriptionEn: ' ' }, 'descriptionEn', 'must not be empty'],
    [{ descriptionEn: 'x'.repeat(1001) }, 'descriptionEn', 'must be at most 1000 characters, got 1001'],
    [{ descriptionKo: '' }, 'descriptionKo', 'must not be empty'],
  ])('given %j, when created, then %s is refused: %s', (overrides, field, reason) => {
    const attempt = () => ProductCategory.create(categoryProps({ code: '85', ...overrides }), aCatalogueHolding());

    expect(attempt).toThrow(expect.objectContaining({ message: `${field} ${reason}`, details: { field, reason } }));
  });

  it('given a description of exactly 1000 characters, when created, then it is accepted', () => {
    const category = ProductCategory.create(categoryProps({ code: '85', descriptionEn: 'x'.repeat(1000) }), aCatalogueHolding());

    expect(category.descriptionEn).toHaveLength(1000);
  });
});

describe('ProductCategory.rename', () => {
  it('given a category at version 1, when the English description changes, then Renamed carries both resulting descriptions', () => {
    const category = aProductCategory().build();

    category.rename({ descriptionEn: 'Microphones' }, 1);

    expect(category.pullPendingEvents()).toEqual([
      {
        type: 'ProductCategoryRenamed',
        schemaVersion: 1,
        data: { code: '851810', descriptionEn: 'Microphones', descriptionKo: '마이크로폰과 그 받침대' },
      },
    ]);
    expect([category.descriptionEn, category.version]).toEqual(['Microphones', 2]);
  });

  it('given a Korean description, when renamed with null, then it is cleared', () => {
    const category = aProductCategory().build();

    category.rename({ descriptionKo: null }, 1);

    expect(category.descriptionKo).toBeNull();
    expect(category.pullPendingEvents()[0]?.data).toMatchObject({ descriptionKo: null });
  });

  it('given unchanged descriptions (after trimming) or no change at all, when renamed, then nothing is recorded', () => {
    const category = aProductCategory().build();

    category.rename({ descriptionEn: ' Microphones and stands therefor ', descriptionKo: '마이크로폰과 그 받침대' }, 1);
    category.rename({}, 1);

    expect(category.pullPendingEvents()).toEqual([]);
    expect(category.version).toBe(1);
  });

  it('given a category at version 2, when renamed with version 1, then it is a conflict naming both versions', () => {
    const category = aProductCategory().renamedTo({ descriptionEn: 'Microphones' }).build();

    const attempt = () => category.rename({ descriptionEn: 'Mics' }, 1);

    expect(attempt).toThrow(ProductCategoryVersionConflictError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'CATALOGUE.VERSION_CONFLICT',
        category: 'VERSION_CONFLICT',
        details: { hsCode: '851810', expectedVersion: 1, actualVersion: 2 },
      }),
    );
    expect(category.descriptionEn).toBe('Microphones');
  });

  it('given a blank English description, when renamed, then it is refused (English is required)', () => {
    expect(() => aProductCategory().build().rename({ descriptionEn: '' }, 1)).toThrow('descriptionEn must not be empty');
  });
});

describe('ProductCategory history', () => {
  it('given the events of a category, when replayed, then it equals the aggregate that produced them', () => {
    const { category, history } = aProductCategory()
      .renamedTo({ descriptionEn: 'Microphones' })
      .renamedTo({ descriptionKo: null })
      .buildWithHistory();

    expect(ProductCategory.fromHistory(history).toSnapshot()).toEqual(category.toSnapshot());
    expect(category.toSnapshot()).toMatchObject({ descriptionEn: 'Microphones', descriptionKo: null, version: 3 });
  });

  it('given an empty history, when replayed, then it is refused', () => {
    expect(() => ProductCategory.fromHistory([])).toThrow('an empty history names no product category');
  });

  it('given a rename before the creation, when folded, then it fails loudly (corrupt log)', () => {
    const state = initialProductCategoryState(HsCode.of('85'));
    const rename = { type: 'ProductCategoryRenamed' as const, schemaVersion: 1 as const, data: { code: '85', descriptionEn: 'x', descriptionKo: null } };

    expect(() => evolveProductCategory(state, rename)).toThrow('ProductCategoryRenamed of 85 before ProductCategoryCreated');
  });

  it('given an event of another code, when folded, then it is refused', () => {
    const [created] = aProductCategory().buildWithHistory().history;

    expect(() => evolveProductCategory(initialProductCategoryState(HsCode.of('851830')), created)).toThrow(
      'ProductCategoryCreated of 851810 cannot apply to product category 851830',
    );
  });

  it('given a persisted row, when restored, then it continues from that version; version 0 is refused', () => {
    const row = { code: HsCode.of('0101'), section: 'I', descriptionEn: 'Horses', descriptionKo: null, version: 3 };
    const category = ProductCategory.restore(row);

    category.rename({ descriptionKo: '말' }, 3);

    expect([category.version, category.descriptionKo, category.parentCode?.value]).toEqual([4, '말', '01']);
    expect(() => ProductCategory.restore({ ...row, version: 0 })).toThrow('stored version 0 is not >= 1');
  });

  it('given a code, when its stream id is built, then it is product:<code> with leading zeros kept', () => {
    expect(productCategoryStreamId(HsCode.of('0101'))).toBe('product:0101');
  });
});
