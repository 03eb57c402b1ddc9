/**
 * The country-reactivation process: the reverse of a completed deactivation (issue 14). Started by
 * an operator's CountryActivated after a deactivation completed, it brings the archived facts back,
 * has every instance refresh its caches, waits for the dashboards and tells administrators; the
 * deadline or a failed step undoes it (the country deactivated again, its facts archived again).
 */
export type ReactivationStep =
  | 'restore-facts'
  | 'refresh-caches'
  | 'recalculate-dashboards'
  | 'notify-administrators'
  | 'deactivate-country'
  | 'archive-facts'
  | 'recalculate-dashboards-back'
  | 'notify-failure'
  | 'notify-cancellation';

export interface ReactivationStepRecord {
  readonly step: ReactivationStep;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly error: string | null;
}

interface Common {
  readonly code: string;
  /** The position of the CountryActivated that started the process. */
  readonly activatedAt: string;
  readonly startedAt: string;
  readonly steps: readonly ReactivationStepRecord[];
}

export type ReactivationState = Common &
  (
    | { readonly phase: 'restoring' }
    | { readonly phase: 'refreshing-caches'; readonly instances: readonly string[] | null; readonly acknowledged: readonly string[] }
    | { readonly phase: 'recalculating' }
    | { readonly phase: 'notifying' }
    | { readonly phase: 'completed'; readonly endedAt: string }
    | { readonly phase: 'deactivating'; readonly failure: string }
    | { readonly phase: 'archiving'; readonly failure: string; readonly deactivatedAt: string }
    | { readonly phase: 'recalculating-back'; readonly failure: string; readonly deactivatedAt: string }
    | { readonly phase: 'notifying-failure'; readonly failure: string }
    | { readonly phase: 'compensated'; readonly failure: string; readonly endedAt: string }
    | { readonly phase: 'cancelling'; readonly deactivatedAt: string }
    | { readonly phase: 'notifying-cancellation' }
    | { readonly phase: 'cancelled'; readonly endedAt: string }
    /** `failedIn`: the undoing step it stopped in, as it stood, where an operator's retry resumes. */
    | { readonly phase: 'failed'; readonly failure: string; readonly endedAt: string; readonly failedIn?: ReactivationResumable }
  );

type Undoing = Extract<ReactivationState, { phase: 'deactivating' | 'archiving' | 'recalculating-back' | 'notifying-failure' | 'cancelling' | 'notifying-cancellation' }>;

/** An undoing state without what every state holds. */
export type ReactivationResumable = Undoing extends infer S ? (S extends Common ? Omit<S, keyof Common> : never) : never;

export type ReactivationPhase = ReactivationState['phase'];
