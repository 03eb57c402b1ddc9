import { DecimalInput, formatRatio, sumAmounts, toAmount } from './analytics-decimal';

/**
 * `part / total` as a fraction (0.250000 is a quarter). Null when the total is zero.
 *
 * A part above its total is returned as a share above 1, not clamped or refused: it can only come
 * from two reads that disagree (a summary and a total taken at different moments), and a visible
 * 1.02 tells more than a silent 1.
 */
export function marketShare(part: DecimalInput, total: DecimalInput): string | null {
  const whole = toAmount(total, 'total');
  if (whole.isZero()) return null;
  return formatRatio(toAmount(part, 'part').div(whole));
}

/**
 * Each value's share of their sum, in input order. Null when they sum to zero (or there are none).
 * Each share is rounded on its own, so the printed shares may miss 1 by up to n * 0.0000005.
 */
export function marketShares(values: readonly DecimalInput[]): string[] | null {
  const amounts = values.map((value, index) => toAmount(value, `values[${index}]`));
  const total = sumAmounts(amounts);
  if (total.isZero()) return null;
  return amounts.map((amount) => formatRatio(amount.div(total)));
}
