import { Random } from './random';
import type { SampleStatistic } from './sample-statistics.generator';

export interface SampleRetraction {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly reason: string;
}

/**
 * A later change to a generated statistic, sent after all of them have been recorded. `round`
 * orders the changes to one statistic (round 2 comes after round 1), like the monthly imports
 * that revise earlier months.
 */
export type SampleCorrection =
  | { readonly kind: 'revise'; readonly round: number; readonly statistic: SampleStatistic }
  | { readonly kind: 'retract'; readonly round: number; readonly retraction: SampleRetraction }
  /** Recorded again after a retraction, e.g. a withdrawn declaration that was filed anew. */
  | { readonly kind: 'restore'; readonly round: number; readonly statistic: SampleStatistic };

export const RETRACTION_REASON = 'synthetic sample correction: declaration withdrawn';
const CORRECTION_SALT = 0x5bd1e995;

/**
 * Picks `count` of the statistics (reservoir sampling: one pass, `count` rows in memory, however
 * large the data set) and plans their histories, in turn:
 * retract (and every other time restore in round 2), revise twice, revise once, revise once.
 */
export function planSampleCorrections(statistics: Iterable<SampleStatistic>, count: number, seed: number): SampleCorrection[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const random = new Random((seed ^ CORRECTION_SALT) >>> 0);
  const picked = reservoir(statistics, count, random).sort(byKey);
  return picked.flatMap((statistic, index): SampleCorrection[] => {
    switch (index % 4) {
      case 0: {
        const { countryCode, hsCode, period } = statistic;
        const retract: SampleCorrection = { kind: 'retract', round: 1, retraction: { countryCode, hsCode, period, reason: RETRACTION_REASON } };
        return index % 8 === 0 ? [retract, { kind: 'restore', round: 2, statistic: revised(statistic, random) }] : [retract];
      }
      case 1: {
        const first = revised(statistic, random);
        return [
          { kind: 'revise', round: 1, statistic: first },
          { kind: 'revise', round: 2, statistic: revised(first, random) },
        ];
      }
      default:
        return [{ kind: 'revise', round: 1, statistic: revised(statistic, random) }];
    }
  });
}

/** The same statistic with both figures moved by a few percent, never to the figures it had. */
function revised(statistic: SampleStatistic, random: Random): SampleStatistic {
  const factor = 1 + 0.05 * random.normal();
  const value = Math.max(1, Math.round(Number(statistic.valueUsd) * factor));
  const valueUsd = String(value === Number(statistic.valueUsd) ? value + 1 : value);
  const weightKg = String(Math.max(0, Math.round(Number(statistic.weightKg) * factor)));
  return { ...statistic, valueUsd, weightKg };
}

function reservoir<T>(items: Iterable<T>, size: number, random: Random): T[] {
  const kept: T[] = [];
  let seen = 0;
  for (const item of items) {
    if (kept.length < size) kept.push(item);
    else {
      const slot = random.int(seen + 1);
      if (slot < size) kept[slot] = item;
    }
    seen++;
  }
  return kept;
}

function byKey(a: SampleStatistic, b: SampleStatistic): number {
  const left = `${a.period}|${a.countryCode}|${a.hsCode}`;
  const right = `${b.period}|${b.countryCode}|${b.hsCode}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
