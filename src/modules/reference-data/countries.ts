import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTRIES_FILE, CUSTOMS_COUNTRY_ALIASES_FILE, referenceDataDir } from './reference-data.paths';

/** A UN M49 region or continent, as CLDR names it. */
export interface RegionRef {
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2, or ZZ for the customs service's "other countries". */
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
  /** Null for AQ (M49 has no region for Antarctica) and ZZ. */
  readonly region: RegionRef | null;
  readonly continent: RegionRef | null;
}

export interface CustomsCountryAlias {
  readonly name: string;
  readonly code: string;
}

/**
 * Key under which a Korean partner name is looked up. Spacing is not significant in these names
 * and KCS and CLDR space them differently (아랍에미리트 연합 / 아랍에미리트연합), so all
 * whitespace goes; NFC makes decomposed Hangul match precomposed.
 */
export function customsNameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, '');
}

/** Countries from data/reference/countries.json and the customs alias table. Immutable. */
export class CountryReference {
  private readonly list: readonly Country[];
  private readonly byCode: ReadonlyMap<string, Country>;
  private readonly byAlias: ReadonlyMap<string, string>;

  constructor(countries: readonly Country[], aliases: readonly CustomsCountryAlias[]) {
    const sorted = [...countries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.list = Object.freeze(sorted.map(freezeCountry));
    this.byCode = new Map(this.list.map((c) => [c.code, c]));
    if (this.byCode.size !== this.list.length) throw new Error('countries.json lists a code twice');
    const byAlias = new Map<string, string>();
    for (const { name, code } of aliases) {
      if (!this.byCode.has(code)) throw new Error(`customs alias ${name} -> ${code}: no such country`);
      const key = customsNameKey(name);
      const known = byAlias.get(key);
      if (known !== undefined && known !== code) throw new Error(`customs alias ${name} -> ${known} and ${code}`);
      byAlias.set(key, code);
    }
    this.byAlias = byAlias;
  }

  /** Parses the two committed JSON documents; throws if they do not have the expected shape. */
  static fromJson(countriesJson: unknown, aliasesJson: unknown): CountryReference {
    const countries = arrayField(countriesJson, 'countries').map(toCountry);
    const aliases = [...arrayField(aliasesJson, 'generated'), ...arrayField(aliasesJson, 'manual')].map(toAlias);
    return new CountryReference(countries, aliases);
  }

  get(code: string): Country | undefined {
    return this.byCode.get(code);
  }

  /** Sorted by code. */
  all(): readonly Country[] {
    return this.list;
  }

  /** ISO code for a customs partner name (statCdCntnKor1), or undefined for `-` and unknown names. */
  resolveCustomsName(koreanName: string): string | undefined {
    return this.byAlias.get(customsNameKey(koreanName));
  }
}

export function loadCountryReference(dir: string = referenceDataDir()): CountryReference {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return CountryReference.fromJson(read(COUNTRIES_FILE), read(CUSTOMS_COUNTRY_ALIASES_FILE));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayField(doc: unknown, field: string): unknown[] {
  const value = isObject(doc) ? doc[field] : undefined;
  if (!Array.isArray(value)) throw new Error(`reference data: "${field}" is not an array`);
  return value;
}

function text(obj: Json, field: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || value === '') throw new Error(`reference data: ${field} missing in ${JSON.stringify(obj)}`);
  return value;
}

function toRegion(value: unknown): RegionRef | null {
  if (value === null) return null;
  if (!isObject(value)) throw new Error(`reference data: bad region ${JSON.stringify(value)}`);
  return { code: text(value, 'code'), nameEn: text(value, 'nameEn'), nameKo: text(value, 'nameKo') };
}

function toCountry(value: unknown): Country {
  if (!isObject(value)) throw new Error(`reference data: bad country ${JSON.stringify(value)}`);
  const code = text(value, 'code');
  if (!/^[A-Z]{2}$/.test(code)) throw new Error(`reference data: bad country code ${code}`);
  const region = toRegion(value['region']);
  const continent = toRegion(value['continent']);
  return { code, nameEn: text(value, 'nameEn'), nameKo: text(value, 'nameKo'), region, continent };
}

function toAlias(value: unknown): CustomsCountryAlias {
  if (!isObject(value)) throw new Error(`reference data: bad alias ${JSON.stringify(value)}`);
  return { name: text(value, 'name'), code: text(value, 'code') };
}

function freezeCountry(country: Country): Country {
  const region = country.region && Object.freeze({ ...country.region });
  const continent = country.continent && Object.freeze({ ...country.continent });
  return Object.freeze({ ...country, region, continent });
}
