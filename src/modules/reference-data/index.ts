/** The reference data's public face: the loaded country and HS references, for other contexts to read. */
export { loadCountryReference, type Country as ReferenceCountry, type CountryReference } from './countries';
export { loadHsNomenclature, type HsNomenclature } from './hs-nomenclature';
export { SeedReferenceDataCommand, type SeedReferenceDataResult } from './commands/seed-reference-data/seed-reference-data.command';
