import type { CodeNames } from '../../domain/denormalized-names';
import { type Figures, type MonthFigures, twelveMonths, withDisplay } from '../../domain/summary-figures';

/** One HS chapter, heading or subheading in one year, `_id` `8518-2026`; inactive countries left out. */
export interface ProductSummaryDocument extends Figures {
  readonly hsCode: string;
  readonly hsLevel: number;
  readonly parentCode: string | null;
  readonly sectionCode: string | null;
  readonly chapterCode: string;
  readonly productNameEn: string | null;
  readonly productNameKo: string | null;
  readonly year: number;
  readonly valueUsd: number;
  readonly weightKg: number;
  readonly months: MonthFigures[];
  readonly updatedAt: string;
}

/** The roll-up of the code's twelve monthly trend documents; see country-summary.projector.ts. */
export function rollUpProductYear(
  product: CodeNames,
  year: number,
  months: readonly MonthFigures[],
  updatedAt: string,
): ProductSummaryDocument {
  const { code } = product;
  if (![2, 4, 6].includes(code.length)) throw new RangeError(`product summaries exist for 2, 4 and 6 digits, not ${code}`);
  const { months: slots, total } = twelveMonths(months);
  return {
    hsCode: code,
    hsLevel: code.length,
    parentCode: code.length > 2 ? code.slice(0, code.length - 2) : null,
    sectionCode: product.sectionCode,
    chapterCode: code.slice(0, 2),
    productNameEn: product.nameEn,
    productNameKo: product.nameKo,
    year,
    ...withDisplay(total),
    months: slots,
    updatedAt,
  };
}
