import Decimal from 'decimal.js';
import { AmountRules, checkMagnitude, compareAmounts, ExactDecimal, parseAmount } from './decimal-amount';

// Grams are the finest unit customs declarations give; 18 integer digits as for money.
const RULES = { field: 'weightKg', maxIntegerDigits: 18, maxFractionDigits: 3 } as const;

/** A non-negative net weight in kilograms, to the gram, held exactly. */
export class WeightKg {
  static readonly ZERO = new WeightKg(new ExactDecimal(0));

  private constructor(private readonly amount: Decimal) {
    Object.freeze(this);
  }

  /** See parseAmount for what is accepted. `field` names the input in the error message. */
  static parse(input: string | bigint | number, field: string = RULES.field): WeightKg {
    return new WeightKg(parseAmount(input, rules(field)));
  }

  /** Throws a ValidationError if the sum has more than 18 integer digits. */
  plus(other: WeightKg, field: string = RULES.field): WeightKg {
    return new WeightKg(checkMagnitude(this.amount.plus(other.amount), rules(field)));
  }

  compare(other: WeightKg): -1 | 0 | 1 {
    return compareAmounts(this.amount, other.amount);
  }

  equals(other: WeightKg): boolean {
    return this.compare(other) === 0;
  }

  isGreaterThan(other: WeightKg): boolean {
    return this.compare(other) > 0;
  }

  /** Canonical form with exactly three decimals, e.g. `12.500`; this is what events carry. */
  toString(): string {
    return this.amount.toFixed(RULES.maxFractionDigits);
  }
}

function rules(field: string): AmountRules {
  return { ...RULES, field };
}
