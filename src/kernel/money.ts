import Decimal from 'decimal.js';
import { AmountRules, checkMagnitude, compareAmounts, ExactDecimal, parseAmount } from './decimal-amount';

// 18 integer digits is the widest figure the configuration and the database column accept; it is
// far above any single customs figure (Korea's yearly exports are about 7 * 10^11 USD).
const RULES = { field: 'valueUsd', maxIntegerDigits: 18, maxFractionDigits: 2 } as const;

/** A non-negative amount of US dollars with cents, held exactly (never a JS float). */
export class UsdAmount {
  static readonly ZERO = new UsdAmount(new ExactDecimal(0));

  private constructor(private readonly amount: Decimal) {
    Object.freeze(this);
  }

  /** See parseAmount for what is accepted. `field` names the input in the error message. */
  static parse(input: string | bigint | number, field: string = RULES.field): UsdAmount {
    return new UsdAmount(parseAmount(input, rules(field)));
  }

  /** Throws a ValidationError if the sum has more than 18 integer digits. */
  plus(other: UsdAmount, field: string = RULES.field): UsdAmount {
    return new UsdAmount(checkMagnitude(this.amount.plus(other.amount), rules(field)));
  }

  compare(other: UsdAmount): -1 | 0 | 1 {
    return compareAmounts(this.amount, other.amount);
  }

  equals(other: UsdAmount): boolean {
    return this.compare(other) === 0;
  }

  isGreaterThan(other: UsdAmount): boolean {
    return this.compare(other) > 0;
  }

  /** Canonical form with exactly two decimals, e.g. `1234.50`; this is what events carry. */
  toString(): string {
    return this.amount.toFixed(RULES.maxFractionDigits);
  }
}

function rules(field: string): AmountRules {
  return { ...RULES, field };
}
