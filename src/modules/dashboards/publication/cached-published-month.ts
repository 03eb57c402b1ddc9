import type { Period } from '../../../kernel/period';
import type { PublishedMonthSource } from './published-month-source';

/**
 * The source's answer kept for `ttlMs`: every dashboard query reads the horizon, and the customs
 * import's answer changes about once a month, so one instance asks PostgreSQL at most once per
 * `ttlMs` (PUBLICATION_HORIZON_CACHE_MS) however many queries it serves. Concurrent readers of an
 * expired answer share one refresh. Instances do not tell each other: each sees a newly completed
 * import within `ttlMs`, all from the same rows, so they agree again by then.
 *
 * A refresh that fails (PostgreSQL out of reach) answers the last known month and tries again on
 * the next read: a dashboard that can still reach Elasticsearch keeps answering. With nothing known
 * yet, the failure is the query's.
 */
export class CachedPublishedMonth implements PublishedMonthSource {
  private known: { readonly month: Period | null; readonly at: number } | undefined;
  private refreshing: Promise<Period | null> | undefined;

  constructor(
    private readonly source: PublishedMonthSource,
    private readonly ttlMs: number,
    /** A monotonic clock in milliseconds: the app's Clock may be set back or stopped (tests do). */
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

  latestPublishedMonth(): Promise<Period | null> {
    if (this.known !== undefined && this.elapsedMs() - this.known.at < this.ttlMs) return Promise.resolve(this.known.month);
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<Period | null> {
    // Aged from when the question was asked, so no answer is served older than ttlMs after it.
    const askedAt = this.elapsedMs();
    try {
      const month = await this.source.latestPublishedMonth();
      this.known = { month, at: askedAt };
      return month;
    } catch (error) {
      if (this.known === undefined) throw error;
      return this.known.month;
    }
  }
}
