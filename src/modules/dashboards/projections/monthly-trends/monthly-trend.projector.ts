import { Period } from '../../../../kernel/period';
import type { CodeNames, CountryView } from '../../domain/denormalized-names';
import { type Figures, withDisplay } from '../../domain/summary-figures';
import { parseScope } from '../../domain/summary-scopes';

/** One scope's figures in one month, `_id` `<scope>-<yyyy>-<mm>` (see summary-scopes.ts). */
export interface MonthlyTrendDocument extends Figures {
  readonly scope: string;
  readonly kind: 'total' | 'country' | 'product';
  readonly countryCode: string | null;
  readonly countryNameEn: string | null;
  readonly countryNameKo: string | null;
  readonly hsCode: string | null;
  readonly hsLevel: number | null;
  readonly productNameEn: string | null;
  readonly productNameKo: string | null;
  /** False only for the scope of an inactive country; every other scope already leaves those out. */
  readonly active: boolean;
  readonly period: string;
  readonly year: number;
  readonly month: number;
  readonly valueUsd: number;
  readonly weightKg: number;
  readonly updatedAt: string;
}

export interface MonthContext {
  /** The country of a country scope. */
  readonly country?: CountryView;
  /** The HS code of a product scope. */
  readonly product?: CodeNames;
}

/**
 * Summaries have no version of their own, so there is no evolve(document, event) here: a monthly
 * trend document is recomputed whole from an aggregation over the facts of its month (see
 * summary-recompute.ts for the compare-and-set around it). This is that recomputation's pure part.
 */
export function summarizeMonth(
  scope: string,
  period: string,
  figures: Figures,
  context: MonthContext,
  updatedAt: string,
): MonthlyTrendDocument {
  const parsed = parseScope(scope);
  const { year, month } = Period.parse(period);
  const base = {
    scope,
    kind: parsed.kind,
    countryCode: null,
    countryNameEn: null,
    countryNameKo: null,
    hsCode: null,
    hsLevel: null,
    productNameEn: null,
    productNameKo: null,
    active: true,
    period,
    year,
    month,
    ...withDisplay(figures),
    updatedAt,
  };
  switch (parsed.kind) {
    case 'total':
      return base;
    case 'country': {
      const { country } = context;
      if (!country || country.code !== parsed.countryCode) throw new Error(`${scope} needs its country`);
      return {
        ...base,
        countryCode: country.code,
        countryNameEn: country.countryNameEn,
        countryNameKo: country.countryNameKo,
        active: country.active,
      };
    }
    case 'product': {
      const { product } = context;
      if (!product || product.code !== parsed.hsCode) throw new Error(`${scope} needs its HS code's names`);
      return {
        ...base,
        hsCode: product.code,
        hsLevel: product.code.length,
        productNameEn: product.nameEn,
        productNameKo: product.nameKo,
      };
    }
  }
}
