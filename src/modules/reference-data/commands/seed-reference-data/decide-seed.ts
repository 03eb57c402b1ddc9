import { CountryCode } from '../../../../kernel/country-code';
import { HsCode } from '../../../../kernel/hs-code';
import { ProductCategory } from '../../../catalogue/domain/product-category';
import type { DecidedProductCategory } from '../../../catalogue/infrastructure/product-category.repository';
import { Country } from '../../../countries/domain/country';
import type { DecidedCountry } from '../../../countries/infrastructure/country.repository';
import type { Country as ReferenceCountry } from '../../countries';
import type { HsEntry } from '../../hs-nomenclature';

/** Registrations for the reference countries whose codes are not registered yet. */
export function countriesToRegister(
  reference: readonly ReferenceCountry[],
  registered: ReadonlySet<string>,
): DecidedCountry[] {
  return reference
    .filter(({ code }) => !registered.has(code))
    .map(({ code, nameEn, nameKo, region }) => ({
      country: Country.register({ code: CountryCode.of(code), nameEn, nameKo, region }),
      expectedVersion: 0,
    }));
}

/**
 * Creations for the entries not in the catalogue yet. `known` holds every code already there,
 * which must include the parents: the seed goes level by level, parents first.
 */
export function categoriesToCreate(entries: readonly HsEntry[], known: ReadonlySet<string>): DecidedProductCategory[] {
  const context = { reference: { exists: (code: string) => known.has(code) } };
  return entries
    .filter(({ code }) => !known.has(code))
    .map(({ code, section, description }) => ({
      category: ProductCategory.create(
        { code: HsCode.of(code), section: section ?? null, descriptionEn: description, descriptionKo: null },
        context,
      ),
      expectedVersion: 0,
    }));
}
