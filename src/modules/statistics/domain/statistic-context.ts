import { UsdAmount } from '../../../kernel/money';

/** Read-only reference data the aggregate checks keys against; the handler passes it in. */
export interface StatisticReference {
  isKnownCountry(code: string): boolean;
  hasChapter(chapter: string): boolean;
}

/** What a decision needs from outside, passed in so the aggregate stays pure: no clock, no I/O. */
export interface StatisticContext {
  readonly now: Date;
  /** Values strictly above it raise ExportThresholdExceeded. From configuration (default 1,000,000). */
  readonly thresholdUsd: UsdAmount;
  readonly reference: StatisticReference;
}
