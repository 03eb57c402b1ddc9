import { HsCode } from '../../../../kernel/hs-code';
import { ProductCategory } from '../../domain/product-category';
import type { DecidedProductCategory } from '../../infrastructure/product-category.repository';
import type { NewProductCategory } from './create-product-categories.command';

/**
 * Creations for the categories not in the catalogue yet. `existing` holds the codes already there,
 * which must include the parents that are not earlier in the list.
 */
export function categoriesToCreate(
  categories: readonly NewProductCategory[],
  existing: ReadonlySet<string>,
): DecidedProductCategory[] {
  const known = new Set(existing);
  const context = { reference: { exists: (code: string) => known.has(code) } };
  const decided: DecidedProductCategory[] = [];
  for (const { hsCode, section, descriptionEn, descriptionKo } of categories) {
    if (known.has(hsCode)) continue;
    const category = ProductCategory.create({ code: HsCode.of(hsCode), section, descriptionEn, descriptionKo }, context);
    known.add(hsCode);
    decided.push({ category, expectedVersion: 0 });
  }
  return decided;
}
