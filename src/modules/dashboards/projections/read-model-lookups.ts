import type { Client } from '@elastic/elasticsearch';
import { loadCountryReference, loadHsNomenclature, type CountryReference, type HsNomenclature, type ReferenceCountry } from '../../reference-data';
import type { StatisticKeyFields } from '../../statistics';
import { factCountryOf, productNamesOf, type CodeNames, type CountryView, type FactCountry, type ProductNames } from '../domain/denormalized-names';
import type { FactNames } from './facts/fact.projector';
import type { IndexSet } from '../elasticsearch/read-model-indexes';
import { countryViewOf, fromReference, type CountryDocument } from './countries/country.projector';
import { codeNamesOf, fromNomenclature, type NomenclatureEntry, type ProductDocument } from './products/product.projector';
import { multiGet } from '../elasticsearch/es-bulk';

let countryReference: CountryReference | undefined;
let nomenclature: HsNomenclature | undefined;

/**
 * Reads what facts and summaries denormalize: countries and HS names from their read models
 * (multi-get is realtime, so a name written a moment ago is seen without a refresh), with the
 * committed reference data for what the read models do not hold.
 */
interface NamesCache {
  readonly version: string;
  readonly countries: Map<string, FactCountry>;
  readonly products: Map<string, ProductNames>;
}

export class ReadModelLookups {
  private readonly caches = new Map<string, NamesCache>();

  constructor(private readonly client: Client) {}

  /**
   * Names for facts. With a `version` (NamesVersion read before this call), names cached under
   * that same version are reused and only new codes are read; a new version empties the cache.
   * Without one, everything is read.
   */
  async factNames(indexes: IndexSet, facts: readonly StatisticKeyFields[], version: string | null): Promise<(fact: StatisticKeyFields) => FactNames> {
    let cache = version === null ? undefined : this.caches.get(indexes.facts);
    if (!cache || cache.version !== version) {
      cache = { version: version ?? '', countries: new Map(), products: new Map() };
      if (version !== null) this.caches.set(indexes.facts, cache);
    }
    const { countries, products } = cache;
    const newCountries = [...new Set(facts.map((fact) => fact.countryCode))].filter((code) => !countries.has(code));
    const newCodes = [...new Set(facts.map((fact) => fact.hsCode))].filter((code) => !products.has(code));
    const [views, codeNames] = await Promise.all([this.countries(indexes.countries, newCountries), this.codeNames(indexes.products, newCodes)]);
    for (const [code, view] of views) countries.set(code, factCountryOf(view));
    for (const code of newCodes) products.set(code, productNamesOf(code, codeNames));
    return (fact) => ({ country: countries.get(fact.countryCode)!, product: products.get(fact.hsCode)! });
  }

  /** Forgets the names kept for facts: the next batch reads them again (a country process's cache refresh). */
  forgetFactNames(): void {
    this.caches.clear();
  }

  referenceCountry(code: string): ReferenceCountry | undefined {
    countryReference ??= loadCountryReference();
    return countryReference.get(code);
  }

  nomenclatureEntry(code: string): NomenclatureEntry {
    nomenclature ??= loadHsNomenclature();
    const chapter = nomenclature.chapter(code.slice(0, 2));
    const own = code.length <= 6 ? nomenclature.ancestry(code) : undefined;
    const entry = own && (code.length === 2 ? own.chapter : code.length === 4 ? own.heading : own.subheading);
    const section = chapter?.section === undefined ? undefined : nomenclature.section(chapter.section);
    return {
      descriptionEn: entry?.description ?? null,
      sectionCode: section?.code ?? null,
      sectionNameEn: section?.description ?? null,
    };
  }

  async countries(index: string, codes: Iterable<string>): Promise<Map<string, CountryView>> {
    const wanted = [...new Set(codes)];
    const found = await multiGet<CountryDocument>(this.client, index, wanted);
    return new Map(
      wanted.map((code) => [code, countryViewOf(found.get(code)?.source ?? fromReference(code, this.referenceCountry(code)))]),
    );
  }

  /** Whether the read model holds a document for `id`: a registered country, a catalogued HS code. */
  async holds(index: string, id: string): Promise<boolean> {
    const found = await multiGet<unknown>(this.client, index, [id]);
    return found.has(id);
  }

  /** Names of the codes and of every chapter, heading and subheading above them. */
  async codeNames(index: string, hsCodes: Iterable<string>): Promise<(code: string) => CodeNames> {
    const wanted = new Set<string>();
    for (const code of hsCodes) for (const digits of [2, 4, 6, 10]) if (code.length >= digits) wanted.add(code.slice(0, digits));
    const found = await multiGet<ProductDocument>(this.client, index, [...wanted]);
    const names = new Map<string, CodeNames>();
    return (code) => {
      let known = names.get(code);
      if (!known) names.set(code, (known = codeNamesOf(found.get(code)?.source ?? fromNomenclature(code, this.nomenclatureEntry(code)))));
      return known;
    };
  }

  /** Codes of the countries dashboards leave out; a search, so the country writer refreshes first. */
  async inactiveCountries(index: string): Promise<string[]> {
    const response = await this.client.search<{ code: string }>({
      index,
      size: 1_000,
      query: { term: { active: false } },
      _source: ['code'],
    });
    return response.hits.hits.map((hit) => hit._source!.code).sort();
  }
}
