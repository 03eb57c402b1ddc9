import type { SampleCorrection, SampleRetraction } from './sample-corrections';
import type { SampleStatistic } from './sample-statistics.generator';

/**
 * What the seed command hands to the write side, one batch at a time. `record` and `revise` both
 * suit the batch command (it records what is missing or retracted and revises what is active);
 * they are told apart so that a summary, and whoever wires the sending, can see which is which.
 */
export type SeedBatch =
  | { readonly kind: 'record'; readonly items: readonly SampleStatistic[] }
  | { readonly kind: 'revise'; readonly items: readonly SampleStatistic[] }
  | { readonly kind: 'retract'; readonly items: readonly SampleRetraction[] };

/**
 * First every statistic, `batchSize` at a time, in generation order (month by month, like the
 * imports); then the corrections round by round, retractions before the statistics of that round.
 * A statistic appears at most once per round, so no batch holds two changes to one key.
 */
export function* seedBatches(
  statistics: Iterable<SampleStatistic>,
  corrections: readonly SampleCorrection[],
  batchSize: number,
): Generator<SeedBatch> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let items: SampleStatistic[] = [];
  for (const statistic of statistics) {
    items.push(statistic);
    if (items.length === batchSize) {
      yield { kind: 'record', items };
      items = [];
    }
  }
  if (items.length > 0) yield { kind: 'record', items };
  const rounds = [...new Set(corrections.map((correction) => correction.round))].sort((a, b) => a - b);
  for (const round of rounds) {
    const inRound = corrections.filter((correction) => correction.round === round);
    const retractions = inRound.flatMap((c) => (c.kind === 'retract' ? [c.retraction] : []));
    const restored = inRound.flatMap((c) => (c.kind === 'restore' ? [c.statistic] : []));
    const revised = inRound.flatMap((c) => (c.kind === 'revise' ? [c.statistic] : []));
    if (retractions.length > 0) yield { kind: 'retract', items: retractions };
    if (restored.length > 0) yield { kind: 'record', items: restored };
    if (revised.length > 0) yield { kind: 'revise', items: revised };
  }
}
