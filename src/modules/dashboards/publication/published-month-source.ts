import type { Period } from '../../../kernel/period';

/**
 * Who knows what the customs service has published: the customs import implements it (the latest
 * month a completed import of every chapter brought in whole) and the application wires it in
 * with `DashboardsModule.register`. The dashboards never learn how it is kept.
 */
export interface PublishedMonthSource {
  /** Null when no such month is known: the dashboards then fall back to the read model's month. */
  latestPublishedMonth(): Promise<Period | null>;
}

export const PUBLISHED_MONTH_SOURCE = Symbol('PUBLISHED_MONTH_SOURCE');
