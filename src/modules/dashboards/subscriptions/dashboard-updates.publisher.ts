import { Logger } from '@nestjs/common';
import type { LogCursor } from '../../../platform/event-log/log-cursor';
import type { LiveUpdates } from '../../../platform/live/live-updates';
import type { ProjectionCheckpoints } from '../freshness/projection-checkpoints';
import type { FlushObserver } from '../summaries/summary-flusher';
import { DASHBOARD_UPDATED, dashboardUpdate, oldestCheckpoint, reflectedPosition } from './dashboard-update';

/**
 * Publishes `dashboardUpdated` for every month a summary flush wrote, on whichever instance
 * flushed, to the subscribers of every instance. It observes the flusher: the flush has committed
 * (its summaries are written and refreshed) before anything is published, and publishing happens
 * after the flush returns, one update after another, so a slow database or many subscribers never
 * hold a flush (or the consumers waiting on it) back.
 */
export class DashboardUpdatesPublisher {
  private tail: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('DashboardUpdates');

  constructor(
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly consumers: readonly string[],
    private readonly live: LiveUpdates,
  ) {}

  readonly observer: FlushObserver = (months) => {
    const written = new Map(months);
    this.tail = this.tail.then(() => this.publish(written)).catch((error: unknown) => this.logger.warn(`dashboard updates not published: ${String(error)}`));
  };

  /** Resolves once every update observed so far is published (tests, shutdown). */
  settled(): Promise<void> {
    return this.tail;
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
