import Decimal from 'decimal.js';
import { CurrentFigure, SourceRow, sourceRowKey } from './source-row';
import { PartnerReference, partnerProblem } from './unit-verification';
import { ReconcileCounts } from './unit-progress';

export interface Upsert {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly valueUsd: string;
  readonly weightKg: string;
}

export interface ReconcilePlan {
  /** New or changed figures: the batch command records or revises them. */
  readonly upserts: readonly Upsert[];
  /** Keys active in the scope that the source no longer has (or has at zero exports). */
  readonly retractions: readonly string[];
  readonly counts: ReconcileCounts;
}

/**
 * What makes a unit's scope equal to the source. `current` holds the active 10-digit statistics of
 * the scope. A row with zero exports is no export: its statistic is retracted, never recorded at 0.
 * Rows of unknown partners are not applied, and their keys are never retracted either: the source
 * still reports something there, we only cannot tell what.
 */
export function reconcileScope(rows: readonly SourceRow[], current: readonly CurrentFigure[], partners: PartnerReference): ReconcilePlan {
  const active = new Map(current.map((figure) => [figure.key, figure]));
  const kept = new Set<string>();
  const upserts: Upsert[] = [];
  let recorded = 0;
  let revised = 0;
  let unchanged = 0;
  for (const row of rows) {
    const key = sourceRowKey(row);
    if (partnerProblem(row, partners) !== undefined) {
      kept.add(key);
      continue;
    }
    if (new Decimal(row.valueUsd).isZero()) continue;
    kept.add(key);
    const figure = active.get(key);
    if (figure !== undefined && new Decimal(figure.valueUsd).equals(row.valueUsd) && new Decimal(figure.weightKg).equals(row.weightKg)) {
      unchanged += 1;
      continue;
    }
    if (figure === undefined) recorded += 1;
    else revised += 1;
    upserts.push({ countryCode: row.partner, hsCode: row.hsCode, period: row.period, valueUsd: row.valueUsd, weightKg: row.weightKg });
  }
  const retractions = current.map((figure) => figure.key).filter((key) => !kept.has(key));
  return { upserts, retractions, counts: { recorded, revised, retracted: retractions.length, unchanged } };
}
