import { atOrAfter, type LogCursor } from '../../../platform/event-log/log-cursor';
import { Period } from '../../../kernel/period';

export const DASHBOARD_UPDATED = 'dashboardUpdated';

/** What `dashboardUpdated` carries: the month whose summaries were written, and the log position they reflect. */
export interface DashboardUpdate {
  readonly year: number;
  readonly month: number;
  readonly position: string;
}

/**
 * The position a month's update carries, from the newest event its flushed marks were made for
 * (`newest`) and the oldest projection checkpoint (`passed`: every queue has applied, marked AND
 * flushed everything up to it before recording it). When the checkpoints are past `newest`, the
 * update reflects every event up to `passed`, and a query at that position is fresh at once.
 * Otherwise it reflects the month's events up to `newest` (possibly with others still on their
 * way in queues that lag): a query at `newest` waits until every queue has passed it and then
 * reads a state that includes this update. Either way the position is at or past the event that
 * caused the update, in the log's reading order, which is what a client that wrote it needs.
 * Null when neither is known (marks made before positions were kept, no checkpoint yet).
 */
export function reflectedPosition(newest: LogCursor | null, passed: LogCursor | null): string | null {
  if (passed && (!newest || atOrAfter(passed, newest))) return passed.position;
  return newest?.position ?? null;
}

/** The oldest of the consumers' checkpoints, in reading order; null while one of them has none. */
export function oldestCheckpoint(checkpoints: ReadonlyMap<string, LogCursor>, consumers: readonly string[]): LogCursor | null {
  let oldest: LogCursor | null = null;
  for (const consumer of consumers) {
    const cursor = checkpoints.get(consumer);
    if (!cursor) return null;
    if (!oldest || atOrAfter(oldest, cursor)) oldest = cursor;
  }
  return oldest;
}

export function dashboardUpdate(period: string, position: string): DashboardUpdate {
  const { year, month } = Period.parse(period);
  return { year, month, position };
}

/** A subscriber's filter: the year, and the month when it asked for one. */
export function selectDashboardUpdate(year: number, month: number | null) {
  return (payload: unknown): DashboardUpdate | null => {
    const update = payload as Partial<DashboardUpdate> | null;
    if (!update || typeof update.position !== 'string' || update.year !== year) return null;
    if (month !== null && update.month !== month) return null;
    return { year: update.year, month: update.month!, position: update.position };
  };
}
