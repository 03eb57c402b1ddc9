import Decimal from 'decimal.js';
import { ExactDecimal } from '../../../kernel/decimal-amount';

/**
 * Amounts come in as decimal.js values (any clone) or decimal strings, never as JS numbers: a float
 * has already lost cents in binary before it reaches us.
 */
export type DecimalInput = Decimal | string;

/** Every ratio these functions return has this many decimal places (0.123457 is 12.3457 %). */
const RATIO_DECIMAL_PLACES = 6;

/**
 * Parses an input at the kernel's 50 significant digits. Export figures are sums of non-negative
 * amounts, so a negative one means a caller mixed up its inputs: a RangeError, not a result.
 */
export function toAmount(input: DecimalInput, what: string): Decimal {
  let amount: Decimal;
  try {
    amount = new ExactDecimal(input);
  } catch {
    throw new RangeError(`${what} must be a decimal, got ${JSON.stringify(String(input))}`);
  }
  if (!amount.isFinite()) throw new RangeError(`${what} must be finite, got ${amount.toString()}`);
  if (amount.isNegative() && !amount.isZero()) throw new RangeError(`${what} must not be negative, got ${amount.toFixed()}`);
  return amount;
}

/**
 * Rounds half-even to RATIO_DECIMAL_PLACES and prints plain notation with a fixed scale, so equal
 * ratios always print alike. Half-even because half-up biases a long series of rounded ratios upward.
 */
export function formatRatio(ratio: Decimal): string {
  const rounded = ratio.toDecimalPlaces(RATIO_DECIMAL_PLACES, Decimal.ROUND_HALF_EVEN);
  // -0.0000001 rounds to negative zero, which would print as "-0.000000".
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed(RATIO_DECIMAL_PLACES);
}

/** Exact sum at 50 significant digits (far more than any 18-digit amount with cents needs). */
export function sumAmounts(amounts: readonly Decimal[]): Decimal {
  return amounts.reduce((total, amount) => total.plus(amount), new ExactDecimal(0));
}
