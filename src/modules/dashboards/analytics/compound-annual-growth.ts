import { ExactDecimal } from '../../../kernel/decimal-amount';
import { DecimalInput, formatRatio, toAmount } from './analytics-decimal';

export interface CagrInput {
  /** The value in the first year of the span. */
  readonly firstValue: DecimalInput;
  /** The value in the last year of the span. */
  readonly lastValue: DecimalInput;
  /** lastYear - firstYear; 2021 to 2025 is 4 years (four growth steps, five values). */
  readonly years: number;
}

/**
 * Compound annual growth rate, (last / first)^(1 / years) - 1, as a fraction (0.100000 is 10 % a
 * year). Null when the first value is zero (no base to grow from) or when `years` is not positive
 * (no span). A last value of zero gives -1.000000: the trade stopped.
 *
 * decimal.js computes the fractional power at 50 significant digits, then the result is rounded
 * half-even to 6 decimals like every ratio here.
 */
export function compoundAnnualGrowthRate({ firstValue, lastValue, years }: CagrInput): string | null {
  if (!Number.isFinite(years)) throw new RangeError(`years must be a finite number, got ${years}`);
  const first = toAmount(firstValue, 'firstValue');
  const last = toAmount(lastValue, 'lastValue');
  if (first.isZero() || years <= 0) return null;
  const exponent = new ExactDecimal(1).div(years);
  return formatRatio(last.div(first).pow(exponent).minus(1));
}
