import { regionNamesOf, type CountryNames, type CountryView } from '../../domain/denormalized-names';
import { type Figures, type MonthFigures, twelveMonths, withDisplay } from '../../domain/summary-figures';

/** One partner country in one year, `_id` `CN-2026`. */
export interface CountrySummaryDocument extends Figures, CountryNames {
  readonly countryCode: string;
  readonly active: boolean;
  readonly year: number;
  readonly valueUsd: number;
  readonly weightKg: number;
  readonly months: MonthFigures[];
  readonly updatedAt: string;
}

/**
 * A year summary is the roll-up of the country's twelve monthly trend documents (recomputed under
 * compare-and-set like them, see summary-recompute.ts), so a batch re-reads at most twelve small
 * documents per country instead of a year of facts.
 */
export function rollUpCountryYear(
  country: CountryView,
  year: number,
  months: readonly MonthFigures[],
  updatedAt: string,
): CountrySummaryDocument {
  const { months: slots, total } = twelveMonths(months);
  return {
    countryCode: country.code,
    countryNameEn: country.countryNameEn,
    countryNameKo: country.countryNameKo,
    ...regionNamesOf(country),
    active: country.active,
    year,
    ...withDisplay(total),
    months: slots,
    updatedAt,
  };
}
