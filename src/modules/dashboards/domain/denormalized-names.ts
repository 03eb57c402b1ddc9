/**
 * The names a fact carries for Kibana and for the dashboards, in English and Korean. They come from
 * the countries and catalogue read models, falling back to the committed reference data (continents
 * and HS section names come only from there: no event carries them). Null where nobody knows one.
 */
/** Where a country lies: its UN M49 region and continent, with names. */
export interface RegionNames {
  readonly regionCode: string | null;
  readonly regionNameEn: string | null;
  readonly regionNameKo: string | null;
  readonly continentCode: string | null;
  readonly continentNameEn: string | null;
  readonly continentNameKo: string | null;
}

/** Just the region fields of `names`, to spread into a document with a strict mapping. */
export function regionNamesOf(names: RegionNames): RegionNames {
  const { regionCode, regionNameEn, regionNameKo, continentCode, continentNameEn, continentNameKo } = names;
  return { regionCode, regionNameEn, regionNameKo, continentCode, continentNameEn, continentNameKo };
}

export interface CountryNames extends RegionNames {
  readonly countryNameEn: string | null;
  readonly countryNameKo: string | null;
}

export interface ProductNames {
  readonly productNameEn: string | null;
  readonly productNameKo: string | null;
  readonly sectionCode: string | null;
  readonly sectionNameEn: string | null;
  readonly chapterCode: string;
  readonly chapterNameEn: string | null;
  readonly chapterNameKo: string | null;
  readonly headingCode: string | null;
  readonly headingNameEn: string | null;
  readonly headingNameKo: string | null;
  readonly subheadingCode: string | null;
  readonly subheadingNameEn: string | null;
  readonly subheadingNameKo: string | null;
}

/** A country as the read side sees it: names plus whether dashboards count it. */
export interface CountryView extends CountryNames {
  readonly code: string;
  readonly active: boolean;
}

/** One HS code's own names, as the catalogue (or the nomenclature) gives them. */
export interface CodeNames {
  readonly code: string;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly sectionCode: string | null;
  readonly sectionNameEn: string | null;
}

const COUNTRY_NAME_FIELDS: readonly (keyof CountryNames)[] = [
  'countryNameEn',
  'countryNameKo',
  'regionCode',
  'regionNameEn',
  'regionNameKo',
  'continentCode',
  'continentNameEn',
  'continentNameKo',
];

export function countryNamesOf(view: CountryView): CountryNames {
  return pick(view, COUNTRY_NAME_FIELDS);
}

/**
 * What a fact carries of its country: the names, and whether the country's facts are archived
 * (left out of every default query; `includeArchived` and Kibana's data view still reach them). A
 * fact is archived exactly while its country is inactive in the countries read model, which the
 * log's CountryDeactivated and CountryActivated decide: a rebuild reproduces it, and a fact
 * projected for an archived country is archived from the start.
 */
export interface FactCountry extends CountryNames {
  readonly archived: boolean;
}

export function factCountryOf(view: CountryView): FactCountry {
  return { ...countryNamesOf(view), archived: !view.active };
}

/** The hierarchy names of an HS code from the names of its chapter, heading, subheading and itself. */
export function productNamesOf(hsCode: string, names: (code: string) => CodeNames): ProductNames {
  const own = names(hsCode);
  const chapter = names(hsCode.slice(0, 2));
  const heading = hsCode.length >= 4 ? names(hsCode.slice(0, 4)) : null;
  const subheading = hsCode.length >= 6 ? names(hsCode.slice(0, 6)) : null;
  return {
    productNameEn: own.nameEn,
    productNameKo: own.nameKo,
    sectionCode: chapter.sectionCode,
    sectionNameEn: chapter.sectionNameEn,
    chapterCode: chapter.code,
    chapterNameEn: chapter.nameEn,
    chapterNameKo: chapter.nameKo,
    headingCode: heading?.code ?? null,
    headingNameEn: heading?.nameEn ?? null,
    headingNameKo: heading?.nameKo ?? null,
    subheadingCode: subheading?.code ?? null,
    subheadingNameEn: subheading?.nameEn ?? null,
    subheadingNameKo: subheading?.nameKo ?? null,
  };
}

/** True when a document carries other names than `names` (a rename or registration it missed). */
export function namesDiffer<T extends object>(document: object, names: T): boolean {
  const current = document as Record<string, unknown>;
  return Object.entries(names).some(([field, value]) => (current[field] ?? null) !== value);
}

function pick<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  return Object.fromEntries(fields.map((field) => [field, source[field]])) as Pick<T, K>;
}
