// Test builders for the catalogue domain; categories are built through the real behaviours.
import { HsCode } from '../../src/kernel/hs-code';
import { ProductCategory, ProductCategoryContext, ProductCategoryProps } from '../../src/modules/catalogue/domain/product-category';
import { ProductCategoryEvent } from '../../src/modules/catalogue/domain/product-category.events';

/** A catalogue that holds exactly the given codes. */
export const aCatalogueHolding = (...codes: string[]): ProductCategoryContext => ({
  reference: { exists: (code) => codes.includes(code) },
});

export const categoryProps = (
  overrides: Partial<Omit<ProductCategoryProps, 'code'>> & { code?: string } = {},
): ProductCategoryProps => ({
  section: 'XVI',
  descriptionEn: 'Microphones and stands therefor',
  descriptionKo: '마이크로폰과 그 받침대',
  ...overrides,
  code: HsCode.of(overrides.code ?? '851810'),
});

class ProductCategoryBuilder {
  private props = categoryProps();
  private readonly renames: Parameters<ProductCategory['rename']>[0][] = [];

  withProps(overrides: Parameters<typeof categoryProps>[0]): this {
    this.props = categoryProps(overrides);
    return this;
  }

  renamedTo(change: Parameters<ProductCategory['rename']>[0]): this {
    this.renames.push(change);
    return this;
  }

  buildWithHistory(): { category: ProductCategory; history: ProductCategoryEvent[] } {
    const parent = this.props.code.parent;
    const category = ProductCategory.create(this.props, aCatalogueHolding(...(parent ? [parent.value] : [])));
    for (const change of this.renames) category.rename(change, category.version);
    return { category, history: category.pullPendingEvents() };
  }

  build(): ProductCategory {
    return this.buildWithHistory().category;
  }
}

export const aProductCategory = (): ProductCategoryBuilder => new ProductCategoryBuilder();
