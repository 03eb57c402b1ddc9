import { Logger } from '@nestjs/common';
import { laterCursor, type LogCursor } from '../../../platform/event-log/log-cursor';
import type { LiveUpdates } from '../../../platform/live/live-updates';
import type { ProjectionCheckpoints } from '../freshness/projection-checkpoints';
import type { FlushObserver } from '../summaries/summary-flusher';
import { DASHBOARD_UPDATED, dashboardUpdate, oldestCheckpoint, reflectedPosition } from './dashboard-update';

/**
 * Publishes `dashboardUpdated` for every month a summary flush wrote, on whichever instance
 * flushed, to the subscribers of every instance. It observes the flusher: the flush has committed
 * (its summaries are written and refreshed) before anything is published, and publishing happens
 * after the flush returns, one batch after another (months flushed meanwhile are merged), so a slow
 * database or many subscribers never hold a flush (or the consumers waiting on it) back.
 */
export class DashboardUpdatesPublisher {
  /** Months flushed while a publish was under way: merged, so a slow database costs memory per month, not per flush. */
  private pending = new Map<string, LogCursor | null>();
  private draining = false;
  private readonly logger = new Logger('DashboardUpdates');

  constructor(
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly consumers: readonly string[],
    private readonly live: LiveUpdates,
  ) {}

  readonly observer: FlushObserver = (months) => {
    for (const [period, newest] of months) this.pending.set(period, laterCursor(this.pending.get(period) ?? null, newest));
    if (!this.draining) void this.drain();
  };

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.size > 0) {
        const months = this.pending;
        this.pending = new Map();
        await this.publish(months).catch((error: unknown) => this.logger.warn(`dashboard updates not published: ${String(error)}`));
      }
    } finally {
      this.draining = false;
    }
  }

  private async publish(months: ReadonlyMap<string, LogCursor | null>): Promise<void> {
    const passed = oldestCheckpoint(await this.checkpoints.all(), this.consumers);
    const updates = [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([period, newest]) => {
        const position = reflectedPosition(newest, passed);
        return position === null ? [] : [dashboardUpdate(period, position)];
      });
    if (updates.length > 0) await this.live.publish(DASHBOARD_UPDATED, updates);
  }
}
