import type { StatisticKey } from './statistic-key';

/**
 * The HS-level rule: within one partner country and month, no active statistic's HS code is a prefix
 * of another's. Chapter 85 and 8542310000 under it would both be added into every total, so a
 * partner-month holds each part of the nomenclature at one level only (the customs import records
 * at the 10-digit level). The database enforces the rule under concurrency (an exclusion
 * constraint, ADR 0006); these functions let a batch find it broken among its own items first.
 */
export function overlapsAtAnotherLevel(a: StatisticKey, b: StatisticKey): boolean {
  if (a.country.value !== b.country.value || !a.period.equals(b.period) || a.hs.equals(b.hs)) return false;
  return a.hs.isWithin(b.hs) || b.hs.isWithin(a.hs);
}

export interface KeyedItem {
  readonly index: number;
  readonly key: StatisticKey;
}

/** Two items of one list whose statistics overlap: `broader` is the one whose code is the prefix. */
export interface ItemOverlap<T extends KeyedItem> {
  readonly broader: T;
  readonly narrower: T;
}

/**
 * Every pair of items at overlapping levels, found through each code's shorter prefixes (at most
 * three look-ups per item), so a batch of any size is checked in one pass.
 */
export function findLevelOverlaps<T extends KeyedItem>(items: readonly T[]): ItemOverlap<T>[] {
  const byCode = new Map<string, T[]>();
  for (const item of items) {
    const code = codeInPartnerMonth(item.key, item.key.hs.value);
    const same = byCode.get(code);
    if (same) same.push(item);
    else byCode.set(code, [item]);
  }
  const overlaps: ItemOverlap<T>[] = [];
  for (const narrower of items) {
    for (let parent = narrower.key.hs.parent; parent !== null; parent = parent.parent) {
      for (const broader of byCode.get(codeInPartnerMonth(narrower.key, parent.value)) ?? []) overlaps.push({ broader, narrower });
    }
  }
  return overlaps;
}

function codeInPartnerMonth(key: StatisticKey, hsCode: string): string {
  return `${key.country.value}-${key.period.toString()}-${hsCode}`;
}
