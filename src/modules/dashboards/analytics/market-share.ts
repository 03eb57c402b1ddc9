import { DecimalInput, formatRatio, toAmount } from './analytics-decimal';

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
