import { ExactDecimal } from '../../../kernel/decimal-amount';
import { DecimalInput, formatRatio, sumAmounts, toAmount } from './analytics-decimal';

/**
 * Herfindahl-Hirschman index on the 0-1 scale: the sum of the squared shares of the positive
 * values. 1/n for n equal partners, 1 for a single one. Multiply by 10,000 for the antitrust
 * "points" convention (0.38 is 3,800); we keep one scale everywhere so a client never has to guess.
 *
 * Zero values are left out: a partner with no trade is not a competitor, and leaving it in would
 * change nothing in the sum anyway, but would make `n` (and 1/n, the lower bound) misleading.
 * Null when no value is positive: concentration of nothing is undefined, not 0 or 1.
 */
export function herfindahlHirschmanIndex(values: readonly DecimalInput[]): string | null {
  const positive = values.map((value, index) => toAmount(value, `values[${index}]`)).filter((amount) => !amount.isZero());
  const total = sumAmounts(positive);
  if (total.isZero()) return null;
  // Squares of the exact shares, rounded once at the end; rounding each share first would add up
  // to n rounding errors in the sixth decimal.
  const index = positive.reduce((sum, amount) => sum.plus(amount.div(total).pow(2)), new ExactDecimal(0));
  return formatRatio(index);
}
