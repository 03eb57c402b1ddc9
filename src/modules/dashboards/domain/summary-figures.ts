import { CENTS, displayNumber, GRAMS } from './exact-units';

/** Exact totals of some facts: cents, grams, and how many active facts they add up. */
export interface Figures {
  readonly valueUsdCents: number;
  readonly weightGrams: number;
  readonly factCount: number;
}

export const NO_FIGURES: Figures = Object.freeze({ valueUsdCents: 0, weightGrams: 0, factCount: 0 });

export interface MonthFigures extends Figures {
  readonly month: number;
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    valueUsdCents: safeSum(a.valueUsdCents, b.valueUsdCents),
    weightGrams: safeSum(a.weightGrams, b.weightGrams),
    factCount: a.factCount + b.factCount,
  };
}

/** Figures with the scaled_float display fields Kibana reads (never used for arithmetic). */
export function withDisplay(figures: Figures) {
  return {
    valueUsdCents: figures.valueUsdCents,
    weightGrams: figures.weightGrams,
    valueUsd: displayNumber(figures.valueUsdCents, CENTS),
    weightKg: displayNumber(figures.weightGrams, GRAMS),
    factCount: figures.factCount,
  };
}

/** Twelve months, January first, zeros where nothing was given; the sum of all of them beside. */
export function twelveMonths(months: readonly MonthFigures[]): { months: MonthFigures[]; total: Figures } {
  const slots: MonthFigures[] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...NO_FIGURES }));
  for (const figures of months) {
    if (!Number.isInteger(figures.month) || figures.month < 1 || figures.month > 12) {
      throw new RangeError(`month must be 1 to 12, got ${figures.month}`);
    }
    const slot = slots[figures.month - 1];
    slots[figures.month - 1] = { month: slot.month, ...addFigures(slot, figures) };
  }
  return { months: slots, total: slots.reduce<Figures>(addFigures, NO_FIGURES) };
}

function safeSum(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`sum ${a} + ${b} leaves the exact range of the read model`);
  return sum;
}
