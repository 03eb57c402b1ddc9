import Decimal from 'decimal.js';
import { ExactDecimal } from '../../kernel/decimal-amount';
import type { SampleCorrection } from './sample-corrections';
import type { SampleStatistic } from './sample-statistics.generator';

/** What the read model should show once a seed has gone through: a check for the whole pipeline. */
export interface SeedTotals {
  /** Statistics that exist after all corrections (retracted ones not counted). */
  readonly activeStatistics: number;
  readonly valueUsd: string;
  readonly weightKg: string;
  readonly countries: readonly string[];
  readonly chapters: readonly string[];
}

interface Figures {
  readonly valueUsd: Decimal;
  readonly weightKg: Decimal;
}

/**
 * Totals after the corrections are applied in round order. Only the corrected statistics are kept
 * in memory, so this works for a data set of any size.
 */
export function seedTotals(statistics: Iterable<SampleStatistic>, corrections: readonly SampleCorrection[]): SeedTotals {
  const corrected = new Map<string, Figures | null>(corrections.map((c) => [keyOf(correctedKey(c)), null]));
  let count = 0;
  let valueUsd: Decimal = new ExactDecimal(0);
  let weightKg: Decimal = new ExactDecimal(0);
  const countries = new Set<string>();
  const chapters = new Set<string>();
  for (const statistic of statistics) {
    count++;
    valueUsd = valueUsd.plus(statistic.valueUsd);
    weightKg = weightKg.plus(statistic.weightKg);
    countries.add(statistic.countryCode);
    chapters.add(statistic.hsCode.slice(0, 2));
    if (corrected.has(keyOf(statistic))) corrected.set(keyOf(statistic), figuresOf(statistic));
  }
  const before = [...corrected.values()];
  for (const correction of [...corrections].sort((a, b) => a.round - b.round)) {
    corrected.set(keyOf(correctedKey(correction)), correction.kind === 'retract' ? null : figuresOf(correction.statistic));
  }
  const after = [...corrected.values()];
  const delta = (figures: readonly (Figures | null)[], field: keyof Figures): Decimal =>
    figures.reduce((sum: Decimal, f) => (f ? sum.plus(f[field]) : sum), new ExactDecimal(0));
  const live = (figures: readonly (Figures | null)[]): number => figures.filter((f) => f !== null).length;
  return {
    activeStatistics: count - live(before) + live(after),
    valueUsd: valueUsd.minus(delta(before, 'valueUsd')).plus(delta(after, 'valueUsd')).toFixed(),
    weightKg: weightKg.minus(delta(before, 'weightKg')).plus(delta(after, 'weightKg')).toFixed(),
    countries: [...countries].sort(),
    chapters: [...chapters].sort(),
  };
}

function correctedKey(correction: SampleCorrection): SampleStatistic | { countryCode: string; hsCode: string; period: string } {
  return correction.kind === 'retract' ? correction.retraction : correction.statistic;
}

function keyOf({ countryCode, hsCode, period }: { countryCode: string; hsCode: string; period: string }): string {
  return `${countryCode}-${hsCode}-${period}`;
}

function figuresOf(statistic: SampleStatistic): Figures {
  return { valueUsd: new ExactDecimal(statistic.valueUsd), weightKg: new ExactDecimal(statistic.weightKg) };
}
