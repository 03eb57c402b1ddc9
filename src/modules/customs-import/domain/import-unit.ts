import { MonthRange } from './month-range';

/**
 * One call's worth of work: an HS prefix over at most twelve months. Its key is stable, so a job
 * can record, retry and resume units by it.
 */
export interface ImportUnit {
  readonly hsPrefix: string;
  readonly months: MonthRange;
}

export function importUnit(hsPrefix: string, months: MonthRange): ImportUnit {
  return Object.freeze({ hsPrefix, months });
}

/** `85:2026-01..2026-12`. */
export function unitKey(unit: ImportUnit): string {
  return `${unit.hsPrefix}:${unit.months}`;
}
