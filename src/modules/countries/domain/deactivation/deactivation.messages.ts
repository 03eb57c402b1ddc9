/** The commands the process issues; the names are stored with the process, so they are a contract. */
export type DeactivationCommand =
  | { readonly name: 'archive-country-facts'; readonly payload: { readonly code: string } }
  | { readonly name: 'refresh-country-caches'; readonly payload: { readonly code: string } }
  | { readonly name: 'recalculate-dashboards'; readonly payload: { readonly code: string; readonly atLeastPosition: string } }
  | { readonly name: 'notify-administrators'; readonly payload: AdministratorNotice }
  | { readonly name: 'reactivate-country'; readonly payload: { readonly code: string } }
  | { readonly name: 'restore-country-facts'; readonly payload: { readonly code: string } };

export type DeactivationCommandName = DeactivationCommand['name'];

/** What administrators are told, whichever way a deactivation or reactivation ended. */
export interface AdministratorNotice {
  readonly code: string;
  readonly outcome:
    | 'deactivated'
    | 'deactivation-undone'
    | 'deactivation-cancelled'
    /** Undoing it failed too: the country is left as the failure found it, for an operator (retry). */
    | 'deactivation-failed'
    | 'reactivated'
    | 'reactivation-undone'
    | 'reactivation-cancelled'
    | 'reactivation-failed';
  /** The deactivation's reason; null for a reactivation, which has none. */
  readonly reason: string | null;
  readonly failure: string | null;
}

/** What a command's handler answered that the process needs (a refresh's instances, a write's position). */
export interface CommandResult {
  readonly instances?: readonly string[];
  readonly position?: string;
}

export type DeactivationMessage =
  | { readonly type: 'CountryDeactivated'; readonly code: string; readonly reason: string; readonly position: string }
  /** `byThisProcess`: the activation is the process's own compensation, not an operator's. */
  | { readonly type: 'CountryActivated'; readonly code: string; readonly position: string; readonly byThisProcess: boolean }
  | { readonly type: 'CommandSucceeded'; readonly command: DeactivationCommandName; readonly result: CommandResult }
  | { readonly type: 'CommandFailed'; readonly command: DeactivationCommandName; readonly error: string }
  | { readonly type: 'InstanceCachesRefreshed'; readonly instanceId: string }
  /** A live instance stopped (its heartbeat lapsed): it has no cache left to refresh. */
  | { readonly type: 'InstanceLeft'; readonly instanceId: string }
  /** The projections passed `position` and every summary the country appears in was recomputed. */
  | { readonly type: 'DashboardsRecalculated'; readonly code: string; readonly position: string }
  | { readonly type: 'DeadlineReached'; readonly deadline: DeactivationDeadline }
  /** An operator asked to undo the process while it runs forward. */
  | { readonly type: 'AbortRequested'; readonly by: string; readonly reason: string }
  /** An operator asked that the failed `command` be sent again (the manager re-issues it if the process takes it up). */
  | { readonly type: 'RetryRequested'; readonly command: DeactivationCommandName; readonly by: string };

/** `complete-by` bounds the whole deactivation; `compensate-by` bounds its undoing. */
export type DeactivationDeadline = 'complete-by' | 'compensate-by';

export interface DeactivationDecision<S> {
  readonly state: S;
  readonly commands: readonly DeactivationCommand[];
  readonly deadlines: readonly { readonly name: DeactivationDeadline; readonly dueAt: Date }[];
  readonly cancelDeadlines: readonly DeactivationDeadline[];
  readonly lastError: string | null;
}

/** Time comes in; so does the configured deadline (COUNTRY_DEACTIVATION_DEADLINE_MS). */
export interface DecisionContext {
  readonly now: Date;
  readonly deadlineMs: number;
}
