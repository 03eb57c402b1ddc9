import { marketShare } from '../../analytics';
import type { Figures } from '../../domain/summary-figures';
import { rankSort, type RankOrder } from './ranking-page';
import { figuresView, usd, type FiguresView } from './read-model-reads';

/** A partner country's figures as summaries store them (country-summaries or country monthly trends). */
export interface PartnerSource extends Figures {
  readonly countryCode: string;
  readonly countryNameEn: string | null;
  readonly countryNameKo: string | null;
}

/** An HS code's figures as summaries store them (product-summaries or product monthly trends). */
export interface ProductSource extends Figures {
  readonly hsCode: string;
  readonly hsLevel: number;
  readonly productNameEn: string | null;
  readonly productNameKo: string | null;
}

export interface PartnerRow extends FiguresView {
  readonly rank: number;
  readonly countryCode: string;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly share: string | null;
}

export interface ProductRow extends FiguresView {
  readonly rank: number;
  readonly hsCode: string;
  readonly level: number;
  readonly nameEn: string | null;
  readonly nameKo: string | null;
  readonly share: string | null;
}

export const PARTNER_FIELDS = ['countryCode', 'countryNameEn', 'countryNameKo', 'valueUsdCents', 'weightGrams', 'factCount'];
export const PRODUCT_FIELDS = ['hsCode', 'hsLevel', 'productNameEn', 'productNameKo', 'valueUsdCents', 'weightGrams', 'factCount'];

/**
 * Ranked by value, largest first, ties by code in ascending code-unit order (not locale order), so
 * the same data always ranks the same whatever order the shards answer in.
 */
export const PARTNER_ORDER: RankOrder = { valueField: 'valueUsdCents', codeField: 'countryCode' };
export const PRODUCT_ORDER: RankOrder = { valueField: 'valueUsdCents', codeField: 'hsCode' };
export const PARTNER_SORT = rankSort(PARTNER_ORDER);
export const PRODUCT_SORT = rankSort(PRODUCT_ORDER);

export function partnerRow(source: PartnerSource, rank: number, totalCents: number): PartnerRow {
  return {
    rank,
    countryCode: source.countryCode,
    nameEn: source.countryNameEn,
    nameKo: source.countryNameKo,
    ...figuresView(source),
    share: marketShare(usd(source.valueUsdCents), usd(totalCents)),
  };
}

export function productRow(source: ProductSource, rank: number, totalCents: number): ProductRow {
  return {
    rank,
    hsCode: source.hsCode,
    level: source.hsLevel,
    nameEn: source.productNameEn,
    nameKo: source.productNameKo,
    ...figuresView(source),
    share: marketShare(usd(source.valueUsdCents), usd(totalCents)),
  };
}
