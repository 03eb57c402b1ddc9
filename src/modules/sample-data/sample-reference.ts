import type { CountryReference, HsNomenclature } from '../reference-data';

/** The real codes a sample may use: every generated HS code and country comes from these lists. */
export interface SampleReference {
  /** 6-digit HS 2022 subheadings. */
  readonly subheadings: readonly string[];
  /** ISO 3166-1 alpha-2 codes. */
  readonly countryCodes: readonly string[];
}

export function sampleReferenceOf(hs: HsNomenclature, countries: CountryReference): SampleReference {
  return {
    subheadings: hs.entries(6).map((entry) => entry.code),
    countryCodes: countries.all().map((country) => country.code),
  };
}
