import Decimal from 'decimal.js';
import { DecimalInput, sumAmounts, toAmount } from './analytics-decimal';

export interface RankingCriteria<T> {
  /** What to rank by, larger first. */
  readonly value: (item: T) => DecimalInput;
  /** A unique identity (country code, HS code): breaks ties and must not repeat. */
  readonly key: (item: T) => string;
}

export interface Ranked<T> {
  /** 1-based; tied values get consecutive ranks in key order, so every rank is distinct. */
  readonly rank: number;
  readonly item: T;
  /** The ranked value in plain notation. */
  readonly value: string;
}

export interface TopNRanking<T> {
  readonly top: Ranked<T>[];
  /** What did not make the cut, for an "others" slice that makes the chart add up. */
  readonly others: { readonly count: number; readonly value: string };
}

/**
 * The `n` largest items by value; ties are broken by key in ascending code-unit order (not locale
 * order, which varies by runtime), so the same data always gives the same list, whatever order
 * Elasticsearch returned it in.
 */
export function rankTopN<T>(items: readonly T[], n: number, criteria: RankingCriteria<T>): TopNRanking<T> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const entries = items.map((item) => ({ item, key: criteria.key(item), amount: toAmount(criteria.value(item), 'value') }));
  rejectDuplicateKeys(entries.map((entry) => entry.key));
  entries.sort((a, b) => b.amount.cmp(a.amount) || compareKeys(a.key, b.key));
  const top = entries.slice(0, n).map(({ item, amount }, index) => ({ rank: index + 1, item, value: amount.toFixed() }));
  const rest: Decimal[] = entries.slice(n).map((entry) => entry.amount);
  return { top, others: { count: rest.length, value: sumAmounts(rest).toFixed() } };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rejectDuplicateKeys(keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    // Two items with one key would tie on everything, and their order would depend on the input's.
    if (seen.has(key)) throw new RangeError(`ranking keys must be unique, ${JSON.stringify(key)} appears twice`);
    seen.add(key);
  }
}
