import { Clock } from '../../../platform/cqrs/clock';
import { Stopper } from '../../../platform/concurrency/stopper';
import { ImportSchedule } from './import-schedule';
import { ScheduledImportStarter } from './scheduled-import-starter';
import type { ScheduleFirings } from './schedule-firings';

/** The firings as the scheduler uses them; ScheduleFirings keeps them in PostgreSQL. */
export type FiringClaims = Pick<ScheduleFirings, 'claim' | 'started' | 'failed' | 'isStarted'>;

/** What one tick did, for the log and the tests. */
export type TickOutcome =
  | { readonly kind: 'started'; readonly firingKey: string; readonly month: string; readonly importId: string }
  | { readonly kind: 'failed'; readonly firingKey: string; readonly month: string; readonly error: string }
  | { readonly kind: 'already-claimed' | 'missed' | 'idle' };

export interface SchedulerOptions {
  /** The firings' namespace: `customs-import` in the app, unique per test. */
  readonly name: string;
  /** This instance, as recorded in a claim. */
  readonly instance: string;
  /** A claim that has not started the import after this long is taken over (its instance died). */
  readonly claimLeaseMs: number;
  /** The longest sleep between ticks: bounds the delay of a takeover and of clock changes. */
  readonly maxSleepMs: number;
}

export interface SchedulerLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Fires the schedule's occurrences into the job service, each exactly once across instances and
 * restarts: the occurrence is claimed in PostgreSQL first, and only the instance that claimed it
 * calls the starter. Time comes from the Clock, so tests move it instead of waiting.
 */
export class CustomsImportScheduler {
  private readonly warnedMissed = new Set<number>();

  constructor(
    private readonly schedule: ImportSchedule,
    private readonly firings: FiringClaims,
    private readonly starter: ScheduledImportStarter,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
    private readonly log: SchedulerLog,
  ) {}

  async tick(): Promise<TickOutcome> {
    const decision = this.schedule.decide(this.clock.now());
    if (decision.kind === 'none') return { kind: 'idle' };
    const month = decision.month.toString();
    if (decision.kind === 'missed') {
      return (await this.warnIfMissed(decision.occurrence, month)) ? { kind: 'missed' } : { kind: 'idle' };
    }
    if (!(await this.firings.claim(decision.occurrence, month, this.options.claimLeaseMs))) return { kind: 'already-claimed' };
    const firingKey = `${this.options.name}@${decision.occurrence.toISOString()}`;
    try {
      const { importId } = await this.starter.startScheduled({ month: decision.month, occurrence: decision.occurrence, firingKey });
      await this.firings.started(decision.occurrence, importId);
      this.log.info(`scheduled customs import of ${month} started as ${importId} (${firingKey})`);
      return { kind: 'started', firingKey, month, importId };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.firings.failed(decision.occurrence, reason);
      this.log.warn(`scheduled customs import of ${month} could not start, retried at the next tick: ${reason}`);
      return { kind: 'failed', firingKey, month, error: reason };
    }
  }

  /** Ticks until stopped; a tick that fails (PostgreSQL away) is logged and the next one tries again. */
  async runUntil(stopper: Stopper): Promise<void> {
    while (!stopper.stopping) {
      await this.tick().catch((error: unknown) => this.log.warn(`customs import schedule tick failed: ${String(error)}`));
      await stopper.sleep(this.sleepMs());
    }
  }

  private sleepMs(): number {
    const now = this.clock.now();
    const untilNext = this.schedule.nextAfter(now).getTime() - now.getTime();
    return Math.max(1000, Math.min(untilNext, this.options.maxSleepMs));
  }

  /** True when the latest occurrence, past the catch-up window, never started (warned once per instance). */
  private async warnIfMissed(occurrence: Date, month: string): Promise<boolean> {
    if (await this.firings.isStarted(occurrence)) return false;
    if (this.warnedMissed.has(occurrence.getTime())) return true;
    this.warnedMissed.add(occurrence.getTime());
    this.log.warn(
      `the customs import schedule's firing at ${occurrence.toISOString()} (month ${month}) was missed beyond ` +
        'CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS: start that month by hand if it is still wanted',
    );
    return true;
  }
}
