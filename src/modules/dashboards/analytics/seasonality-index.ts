import Decimal from 'decimal.js';
import { ExactDecimal } from '../../../kernel/decimal-amount';
import { Period } from '../../../kernel/period';
import { DecimalInput, formatRatio, toAmount } from './analytics-decimal';

export interface MonthlyValue {
  /** YYYY-MM. */
  readonly period: string;
  readonly value: DecimalInput;
}

export interface MonthSeasonality {
  /** 1 to 12. */
  readonly month: number;
  /** The calendar month's mean over the mean of all months: 1.100000 is 10 % above an average month. */
  readonly index: string;
}

const MONTHS = 12;

/**
 * Seasonality index per calendar month over whole years.
 *
 * The window is every month of every year from the first to the last year in `values`. A month
 * that is not given counts as ZERO, as in the customs data, where a month without trade has no
 * row; so pass complete years only (leave out a year still in progress, or its unpublished months
 * would read as a slump). Several values for one period are added up (e.g. one per product).
 *
 * index(m) = mean over the years of month m / mean of all months in the window
 *          = 12 * total of month m / total of the window,
 * so the twelve indexes average to 1 (before rounding). Null when there is nothing, or only zeros.
 */
export function seasonalityIndex(values: readonly MonthlyValue[]): MonthSeasonality[] | null {
  if (values.length === 0) return null;
  const monthTotals: Decimal[] = Array.from({ length: MONTHS }, () => new ExactDecimal(0));
  for (const [position, { period, value }] of values.entries()) {
    const month = Period.parse(period, `values[${position}].period`).month;
    monthTotals[month - 1] = monthTotals[month - 1]!.plus(toAmount(value, `values[${position}].value`));
  }
  // The number of years cancels out of the ratio of means, so the window only matters through
  // which months count as zero, and that is already so for any month nobody passed.
  const total = monthTotals.reduce((sum, monthTotal) => sum.plus(monthTotal), new ExactDecimal(0));
  if (total.isZero()) return null;
  return monthTotals.map((monthTotal, index) => ({
    month: index + 1,
    index: formatRatio(monthTotal.times(MONTHS).div(total)),
  }));
}
