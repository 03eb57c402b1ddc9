import { DecimalInput, formatRatio, toAmount } from './analytics-decimal';

/**
 * Growth of `current` over `previous` as a fraction: (current - previous) / previous, so 0.100000 is
 * +10 % and -1.000000 means the trade stopped. Null when `previous` is zero: growth from nothing
 * has no ratio, and a made-up "infinite" or 100 % would mislead a chart.
 */
export function yearOnYearGrowth(current: DecimalInput, previous: DecimalInput): string | null {
  const now = toAmount(current, 'current');
  const before = toAmount(previous, 'previous');
  if (before.isZero()) return null;
  return formatRatio(now.minus(before).div(before));
}
