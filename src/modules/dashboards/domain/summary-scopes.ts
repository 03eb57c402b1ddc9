import { Period } from '../../../kernel/period';

/**
 * What a summary is about. Monthly trend documents exist per scope and month; country and product
 * summaries per scope and year. Scope ids are part of document ids: `total`, `country-CN`,
 * `hs-8518` (HS chapters, headings and subheadings; 10-digit national lines have no summaries).
 */
export type Scope =
  | { readonly kind: 'total' }
  | { readonly kind: 'country'; readonly countryCode: string }
  | { readonly kind: 'product'; readonly hsCode: string };

export const TOTAL_SCOPE = 'total';

export function countryScope(countryCode: string): string {
  return `country-${countryCode}`;
}

export function productScope(hsCode: string): string {
  return `hs-${hsCode}`;
}

export function parseScope(id: string): Scope {
  if (id === TOTAL_SCOPE) return { kind: 'total' };
  if (/^country-[A-Z]{2}$/.test(id)) return { kind: 'country', countryCode: id.slice('country-'.length) };
  if (/^hs-(\d{2}|\d{4}|\d{6})$/.test(id)) return { kind: 'product', hsCode: id.slice('hs-'.length) };
  throw new RangeError(`not a summary scope: ${JSON.stringify(id)}`);
}

export function monthlyTrendId(scope: string, period: string): string {
  return `${scope}-${period}`;
}

/** `CN-2026` or `8518-2026`: the id of a year summary, from a non-total scope. */
export function yearSummaryId(scope: Scope, year: number): string {
  if (scope.kind === 'total') throw new RangeError('the national total has no year summary document');
  return `${scope.kind === 'country' ? scope.countryCode : scope.hsCode}-${year}`;
}

/** The summary levels an HS code counts towards: its chapter, heading and subheading. */
function productScopesOf(hsCode: string): string[] {
  return [2, 4, 6].filter((digits) => hsCode.length >= digits).map((digits) => productScope(hsCode.slice(0, digits)));
}

/** The monthly scopes one fact of a country and HS code feeds. */
export function scopesOfFact(countryCode: string, hsCode: string): string[] {
  return [TOTAL_SCOPE, countryScope(countryCode), ...productScopesOf(hsCode)];
}

/**
 * The set of (period, scope) a batch changed: the keys whose summaries must be recomputed.
 * Kept per period because one aggregation over a month's facts answers all of a period's scopes.
 */
export class TouchedScopes {
  private readonly byPeriod = new Map<string, Set<string>>();

  add(period: string, scope: string): this {
    let scopes = this.byPeriod.get(period);
    if (!scopes) this.byPeriod.set(period, (scopes = new Set()));
    scopes.add(scope);
    return this;
  }

  addFact(countryCode: string, hsCode: string, period: string): this {
    for (const scope of scopesOfFact(countryCode, hsCode)) this.add(period, scope);
    return this;
  }

  merge(other: TouchedScopes): this {
    for (const [period, scopes] of other.byPeriod) for (const scope of scopes) this.add(period, scope);
    return this;
  }

  get isEmpty(): boolean {
    return this.byPeriod.size === 0;
  }

  get size(): number {
    let count = 0;
    for (const scopes of this.byPeriod.values()) count += scopes.size;
    return count;
  }

  /** These months split by year, earliest first: a rebuild recomputes one year's summaries at a time. */
  splitByYear(): TouchedScopes[] {
    const byYear = new Map<number, TouchedScopes>();
    for (const [period, scopes] of this.periods()) {
      const { year } = Period.parse(period);
      let touched = byYear.get(year);
      if (!touched) byYear.set(year, (touched = new TouchedScopes()));
      for (const scope of scopes) touched.add(period, scope);
    }
    return [...byYear.values()];
  }

  /** Periods in ascending order, each with its scopes sorted, so work is deterministic. */
  periods(): [period: string, scopes: string[]][] {
    return [...this.byPeriod.keys()].sort().map((period) => [period, [...this.byPeriod.get(period)!].sort()]);
  }

  /** The year summaries behind these months: every non-total scope, per year. */
  years(): [year: number, scopes: string[]][] {
    const byYear = new Map<number, Set<string>>();
    for (const [period, scopes] of this.byPeriod) {
      const { year } = Period.parse(period);
      let set = byYear.get(year);
      if (!set) byYear.set(year, (set = new Set()));
      for (const scope of scopes) if (scope !== TOTAL_SCOPE) set.add(scope);
    }
    return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, set]) => [year, [...set].sort()]);
  }
}
