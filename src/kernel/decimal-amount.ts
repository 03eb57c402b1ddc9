import Decimal from 'decimal.js';
import { ValidationError } from './domain-error';

/**
 * Arithmetic for amounts. decimal.js rounds results to 20 significant digits by default, which an
 * 18-digit integer part with 3 decimals already exceeds; 50 keeps every sum we can build exact.
 */
export const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });

export interface AmountRules {
  readonly field: string;
  readonly maxIntegerDigits: number;
  readonly maxFractionDigits: number;
}

// Longer strings cannot be valid (at most 18 + 1 + 3 significant characters plus leading or
// trailing zeros); the cap keeps a hostile megabyte of zeros away from the parser.
const MAX_INPUT_LENGTH = 64;
const PLAIN_DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/**
 * Parses a non-negative decimal amount exactly, or throws a ValidationError naming the field.
 *
 * - strings: plain decimal notation only (`1234.50`). Exponent notation (`1e6`) is refused: it hides
 *   the magnitude and the scale from whoever reads the request, and no source we import uses it.
 *   Trailing zeros beyond the allowed decimals (`1.230` for cents) are accepted, since they lose
 *   nothing; digits that would need rounding (`1.235`) are refused: money is never rounded silently.
 * - bigint and integer numbers: whole units. Non-integer numbers are refused because a JS float has
 *   already been rounded in binary (0.1 + 0.2) before it reaches us; unsafe integers likewise.
 */
export function parseAmount(input: string | bigint | number, rules: AmountRules): Decimal {
  const { field } = rules;
  const text = toText(input, field);
  if (text.startsWith('-')) throw new ValidationError(field, `must not be negative, got ${text}`);
  if (/e/i.test(text)) throw new ValidationError(field, `must be written without exponent notation, got ${text}`);
  if (text.length > MAX_INPUT_LENGTH || !PLAIN_DECIMAL.test(text)) {
    throw new ValidationError(field, `must be a plain decimal like 1234.50, got ${JSON.stringify(shorten(text))}`);
  }
  const amount = new ExactDecimal(text);
  if (amount.decimalPlaces() > rules.maxFractionDigits) {
    throw new ValidationError(field, `must have at most ${rules.maxFractionDigits} decimal places, got ${text}`);
  }
  return checkMagnitude(amount, rules);
}

// 10^digits, computed once per width: a decimal power on every parse dominated the batch path.
const limits = new Map<number, Decimal>();

function limitFor(integerDigits: number): Decimal {
  let limit = limits.get(integerDigits);
  if (!limit) limits.set(integerDigits, (limit = new ExactDecimal(10).pow(integerDigits)));
  return limit;
}

/** Guards the result of arithmetic, which can outgrow the integer digits an input may have. */
export function checkMagnitude(amount: Decimal, rules: AmountRules): Decimal {
  if (amount.gte(limitFor(rules.maxIntegerDigits))) {
    throw new ValidationError(rules.field, `must have at most ${rules.maxIntegerDigits} integer digits`);
  }
  return amount;
}

/** Three-way comparison as a narrow type, so callers can switch on it exhaustively. */
export function compareAmounts(left: Decimal, right: Decimal): -1 | 0 | 1 {
  const comparison = left.cmp(right);
  return comparison < 0 ? -1 : comparison > 0 ? 1 : 0;
}

function toText(input: string | bigint | number, field: string): string {
  switch (typeof input) {
    case 'string':
      return input;
    case 'bigint':
      return input.toString();
    case 'number':
      if (!Number.isSafeInteger(input)) {
        throw new ValidationError(field, `must be a decimal string or a safe integer, got the number ${input}`);
      }
      return BigInt(input).toString(); // BigInt turns -0 into 0
    default:
      throw new ValidationError(field, 'must be a decimal string, a bigint or an integer');
  }
}

function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}...` : text;
}
