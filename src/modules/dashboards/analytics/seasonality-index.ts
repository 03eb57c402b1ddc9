import Decimal from 'decimal.js';
import { ExactDecimal } from '../../../kernel/decimal-amount';
import { Period } from '../../../kernel/period';
import { DecimalInput, formatRatio, toAmount } from './analytics-decimal';

export interface MonthlyValue {
  /** YYYY-MM. */
  readonly period: string;
  readonly value: DecimalInput;
}

/** The months the index is taken over, YYYY-MM to YYYY-MM, both included: the published ones. */
export interface SeasonalityWindow {
  readonly from: string;
  readonly to: string;
}

export interface MonthSeasonality {
  /** 1 to 12. */
  readonly month: number;
  /** The calendar month's mean over the mean of the twelve: 1.100000 is 10 % above an average month. */
  readonly index: string;
}

const MONTHS = 12;

/**
 * Seasonality index per calendar month over a window of published months.
 *
 * A month of the window that is not given counts as ZERO, as in the customs data, where a month
 * without trade has no row. A month outside the window is absent: it is not yet published (or
 * before the series), so it takes no part in its calendar month's mean. Each calendar month is
 * averaged over the years the window holds it in, so a window that ends in a year in progress
 * counts its published months twice and the others once, instead of reading the unpublished
 * ones as a slump. Several values for one period are added up (e.g. one per product).
 *
 * index(m) = mean(m) / (mean of the twelve means) = 12 * mean(m) / sum of the twelve means,
 * so the twelve indexes average to 1 before rounding; over whole years this is 12 * total of m /
 * total. Null when the window has fewer than twelve months (some calendar month has no
 * observation) or only zeros. A value outside the window is a RangeError: the caller mixed up
 * its reads.
 */
export function seasonalityIndex(values: readonly MonthlyValue[], window: SeasonalityWindow): MonthSeasonality[] | null {
  const [from, to] = [Period.parse(window.from, 'window.from'), Period.parse(window.to, 'window.to')];
  const length = from.monthsUntil(to) + 1;
  if (length < MONTHS) return null;
  const totals: Decimal[] = Array.from({ length: MONTHS }, () => new ExactDecimal(0));
  for (const [position, { period, value }] of values.entries()) {
    const parsed = Period.parse(period, `values[${position}].period`);
    if (parsed.compare(from) < 0 || parsed.compare(to) > 0) throw new RangeError(`values[${position}].period ${period} is outside the window ${from} to ${to}`);
    totals[parsed.month - 1] = totals[parsed.month - 1]!.plus(toAmount(value, `values[${position}].value`));
  }
  const observations = Array.from({ length: MONTHS }, () => 0);
  for (let i = 0; i < length; i++) {
    const slot = from.plusMonths(i).month - 1;
    observations[slot] = observations[slot]! + 1;
  }
  const means = totals.map((total, i) => total.div(observations[i]!));
  const sumOfMeans = means.reduce((sum, mean) => sum.plus(mean), new ExactDecimal(0));
  if (sumOfMeans.isZero()) return null;
  return means.map((mean, i) => ({ month: i + 1, index: formatRatio(mean.times(MONTHS).div(sumOfMeans)) }));
}
