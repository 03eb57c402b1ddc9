/**
 * The country-deactivation process (issue 14): its states, the messages it reacts to and the
 * commands it issues, as plain data. Positions are event-log positions (decimal strings); times
 * are ISO strings, so the state is exactly what PostgreSQL stores.
 */

/** What an operator sees of each step: when it started and ended, and what went wrong. */
export type DeactivationStep =
  | 'archive-facts'
  | 'refresh-caches'
  | 'recalculate-dashboards'
  | 'notify-administrators'
  | 'reactivate-country'
  | 'restore-facts'
  | 'recalculate-dashboards-back'
  | 'notify-failure'
  | 'notify-cancellation';

export interface StepRecord {
  readonly step: DeactivationStep;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly error: string | null;
}

interface Common {
  readonly code: string;
  readonly reason: string;
  /** The position of the CountryDeactivated that started the process. */
  readonly deactivatedAt: string;
  readonly startedAt: string;
  readonly steps: readonly StepRecord[];
}

/** (a) the country's facts are being archived. */
export interface Archiving extends Common {
  readonly phase: 'archiving';
}

/** (b) every live instance refreshes its country caches; `instances` is null until the request is answered. */
export interface RefreshingCaches extends Common {
  readonly phase: 'refreshing-caches';
  readonly instances: readonly string[] | null;
  readonly acknowledged: readonly string[];
}

/** (c) waiting until the projections passed the deactivation and its summaries were recomputed. */
export interface Recalculating extends Common {
  readonly phase: 'recalculating';
}

/** (d) administrators are told. */
export interface Notifying extends Common {
  readonly phase: 'notifying';
}

export interface Completed extends Common {
  readonly phase: 'completed';
  readonly endedAt: string;
}

/** Compensation, 1: the country is reactivated by command. `failure` says why the deactivation is undone. */
export interface Reactivating extends Common {
  readonly phase: 'reactivating';
  readonly failure: string;
}

/** Compensation, 2: its facts come back from the archive. */
export interface Restoring extends Common {
  readonly phase: 'restoring';
  readonly failure: string;
  readonly reactivatedAt: string;
}

/** Compensation, 3: waiting until the dashboards include the country again. */
export interface RecalculatingBack extends Common {
  readonly phase: 'recalculating-back';
  readonly failure: string;
  readonly reactivatedAt: string;
}

/** Compensation, 4: administrators are told what failed. */
export interface NotifyingFailure extends Common {
  readonly phase: 'notifying-failure';
  readonly failure: string;
}

export interface Compensated extends Common {
  readonly phase: 'compensated';
  readonly failure: string;
  readonly endedAt: string;
}

/** An operator reactivated the country while the process ran: the archive is undone. */
export interface Cancelling extends Common {
  readonly phase: 'cancelling';
  readonly reactivatedAt: string;
}

export interface NotifyingCancellation extends Common {
  readonly phase: 'notifying-cancellation';
}

export interface Cancelled extends Common {
  readonly phase: 'cancelled';
  readonly endedAt: string;
}

/**
 * Compensation (or cancellation) itself could not finish: an operator has to look. `failedIn` is
 * the step it stopped in, as it stood, so an operator's retry resumes there (absent in processes
 * that failed before retries existed).
 */
export interface Failed extends Common {
  readonly phase: 'failed';
  readonly failure: string;
  readonly endedAt: string;
  readonly failedIn?: Resumable;
}

/** A state undoing the deactivation, without what every state holds: where a retry resumes. */
export type Resumable = WithoutCommon<Reactivating | Restoring | RecalculatingBack | NotifyingFailure | Cancelling | NotifyingCancellation>;

type WithoutCommon<S> = S extends Common ? Omit<S, keyof Common> : never;

export type DeactivationState =
  | Archiving
  | RefreshingCaches
  | Recalculating
  | Notifying
  | Completed
  | Reactivating
  | Restoring
  | RecalculatingBack
  | NotifyingFailure
  | Compensated
  | Cancelling
  | NotifyingCancellation
  | Cancelled
  | Failed;

export type DeactivationPhase = DeactivationState['phase'];
