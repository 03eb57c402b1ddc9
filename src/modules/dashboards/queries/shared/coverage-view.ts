import type { Period } from '../../../../kernel/period';
import { monthsIn, type PeriodSpan, type RateCoverage } from '../../domain/published-months';

/** A run of months as clients get it: YYYY-MM to YYYY-MM, both included, and how many. */
export interface PeriodSpanView {
  readonly from: string;
  readonly to: string;
  readonly months: number;
}

/** What a rate compares, as clients get it (the GraphQL type RateCoverage). */
export interface RateCoverageView {
  readonly base: PeriodSpanView;
  readonly current: PeriodSpanView;
}

export function spanView(span: PeriodSpan | null): PeriodSpanView | null {
  return span && { from: span.from.toString(), to: span.to.toString(), months: monthsIn(span) };
}

export function coverageView(coverage: RateCoverage | null): RateCoverageView | null {
  return coverage && { base: spanView(coverage.base)!, current: spanView(coverage.current)! };
}

export function periodText(period: Period | null): string | null {
  return period?.toString() ?? null;
}
