import { Period } from '../../../kernel/period';

/** One firing of the schedule, as the job service receives it. */
export interface ScheduledFiring {
  /** The month to import, every HS chapter. */
  readonly month: Period;
  /** The cron occurrence that fired (UTC instant). */
  readonly occurrence: Date;
  /** Stable for this occurrence of this schedule, across instances and restarts: `customs-import@2026-11-15T21:00:00.000Z`. */
  readonly firingKey: string;
}

/**
 * The port the schedule fires into; the import's job service implements it. The schedule claims
 * each occurrence once in PostgreSQL, but it cannot start the import in the same transaction, so
 * an instance that dies between starting and recording the start leaves the occurrence to be
 * claimed again: `startScheduled` must be idempotent on `firingKey` (called again with a key it
 * has seen, it answers the same import and starts nothing).
 */
export interface ScheduledImportStarter {
  startScheduled(firing: ScheduledFiring): Promise<{ readonly importId: string }>;
}

export const SCHEDULED_IMPORT_STARTER = Symbol('SCHEDULED_IMPORT_STARTER');
