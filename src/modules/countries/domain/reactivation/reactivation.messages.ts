import type { AdministratorNotice, CommandResult, DeactivationDeadline } from '../deactivation/deactivation.messages';
import type { ReactivationState } from './reactivation.state';

/** The reactivation's commands: the deactivation's, with the country deactivated again to undo it. */
export type ReactivationCommand =
  | { readonly name: 'restore-country-facts'; readonly payload: { readonly code: string } }
  | { readonly name: 'refresh-country-caches'; readonly payload: { readonly code: string } }
  | { readonly name: 'recalculate-dashboards'; readonly payload: { readonly code: string; readonly atLeastPosition: string } }
  | { readonly name: 'notify-administrators'; readonly payload: AdministratorNotice }
  | { readonly name: 'deactivate-country'; readonly payload: { readonly code: string; readonly reason: string } }
  | { readonly name: 'archive-country-facts'; readonly payload: { readonly code: string } };

export type ReactivationCommandName = ReactivationCommand['name'];

export type ReactivationMessage =
  | { readonly type: 'CountryActivated'; readonly code: string; readonly position: string }
  /** `byThisProcess`: the deactivation is the process's own compensation, not an operator's. */
  | { readonly type: 'CountryDeactivated'; readonly code: string; readonly position: string; readonly byThisProcess: boolean }
  | { readonly type: 'CommandSucceeded'; readonly command: ReactivationCommandName; readonly result: CommandResult }
  | { readonly type: 'CommandFailed'; readonly command: ReactivationCommandName; readonly error: string }
  | { readonly type: 'InstanceCachesRefreshed'; readonly instanceId: string }
  | { readonly type: 'InstanceLeft'; readonly instanceId: string }
  | { readonly type: 'DashboardsRecalculated'; readonly code: string; readonly position: string }
  | { readonly type: 'DeadlineReached'; readonly deadline: DeactivationDeadline }
  | { readonly type: 'AbortRequested'; readonly by: string; readonly reason: string }
  | { readonly type: 'RetryRequested'; readonly command: ReactivationCommandName; readonly by: string };

export interface ReactivationDecision {
  readonly state: ReactivationState;
  readonly commands: readonly ReactivationCommand[];
  readonly deadlines: readonly { readonly name: DeactivationDeadline; readonly dueAt: Date }[];
  readonly cancelDeadlines: readonly DeactivationDeadline[];
  readonly lastError: string | null;
}
