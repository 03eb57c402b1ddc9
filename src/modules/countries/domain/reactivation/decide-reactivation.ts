import { assertNever } from '../../../../kernel/domain-event';
import type { AdministratorNotice, CommandResult, DecisionContext } from '../deactivation/deactivation.messages';
import type { ReactivationCommand, ReactivationCommandName, ReactivationDecision, ReactivationMessage } from './reactivation.messages';
import type { ReactivationResumable, ReactivationState, ReactivationStep, ReactivationStepRecord } from './reactivation.state';

type Decision = ReactivationDecision;
type State = ReactivationState;
type Activated = Extract<ReactivationMessage, { type: 'CountryActivated' }>;

/** The reason the country's stream records when a failed reactivation deactivates it again. */
export const UNDO_REASON = 'reactivation undone';

/** Starts on an operator's CountryActivated after a completed deactivation: the archived facts come back first. */
export function startReactivation(message: Activated, { now, deadlineMs }: DecisionContext): Decision {
  const at = now.toISOString();
  return {
    state: { phase: 'restoring', code: message.code, activatedAt: message.position, startedAt: at, steps: [started('restore-facts', at)] },
    commands: [{ name: 'restore-country-facts', payload: { code: message.code } }],
    deadlines: [{ name: 'complete-by', dueAt: new Date(now.getTime() + deadlineMs) }],
    cancelDeadlines: [],
    lastError: null,
  };
}

/**
 * The reverse of the deactivation, pure. Forward: restore facts -> refresh caches -> dashboards past
 * the activation -> notify -> completed. The deadline or a step's permanent failure: deactivate the
 * country again -> archive the facts -> dashboards past that -> notify the failure -> compensated. An
 * operator's deactivation while it runs cancels it: archive the facts again -> notify -> cancelled.
 */
export function decideReactivation(state: State, message: ReactivationMessage, context: DecisionContext): Decision {
  switch (state.phase) {
    case 'restoring':
    case 'refreshing-caches':
    case 'recalculating':
    case 'notifying':
      return forward(state, message, context);
    case 'deactivating':
    case 'archiving':
    case 'recalculating-back':
    case 'notifying-failure':
    case 'cancelling':
    case 'notifying-cancellation':
      return undoing(state, message, context);
    case 'completed':
    case 'compensated':
    case 'cancelled':
      return unchanged(state);
    case 'failed':
      return resume(state, message, context);
    default:
      return assertNever(state, 'reactivation state');
  }
}

type Forward = Extract<State, { phase: 'restoring' | 'refreshing-caches' | 'recalculating' | 'notifying' }>;
type Undoing = Extract<State, { phase: 'deactivating' | 'archiving' | 'recalculating-back' | 'notifying-failure' | 'cancelling' | 'notifying-cancellation' }>;

function forward(state: Forward, message: ReactivationMessage, { now, deadlineMs }: DecisionContext): Decision {
  const at = now.toISOString();
  const step = currentStep(state);
  const failure =
    message.type === 'DeadlineReached' && message.deadline === 'complete-by'
      ? `not done within ${deadlineMs} ms (in step ${step})`
      : message.type === 'CommandFailed' && message.command === awaitedCommand(state)
        ? `${step} failed: ${message.error}`
        : message.type === 'AbortRequested'
          ? `aborted by ${message.by} (in step ${step}): ${message.reason}`
          : null;
  if (failure !== null) {
    return {
      state: { ...common(state), steps: [...endStep(state.steps, step, at, failure), started('deactivate-country', at)], phase: 'deactivating', failure },
      commands: [{ name: 'deactivate-country', payload: { code: state.code, reason: UNDO_REASON } }],
      deadlines: [{ name: 'compensate-by', dueAt: new Date(now.getTime() + deadlineMs) }],
      cancelDeadlines: ['complete-by'],
      lastError: failure,
    };
  }
  if (message.type === 'CountryDeactivated' && !message.byThisProcess) {
    return {
      state: { ...common(state), steps: [...endStep(state.steps, step, at, 'cancelled: the country was deactivated'), started('archive-facts', at)], phase: 'cancelling', deactivatedAt: message.position },
      commands: [{ name: 'archive-country-facts', payload: { code: state.code } }],
      deadlines: [],
      cancelDeadlines: ['complete-by'],
      lastError: null,
    };
  }
  switch (state.phase) {
    case 'restoring':
      if (!succeeded(message, 'restore-country-facts')) return unchanged(state);
      return next({ ...common(state), steps: advance(state.steps, 'restore-facts', 'refresh-caches', at), phase: 'refreshing-caches', instances: null, acknowledged: [] }, {
        name: 'refresh-country-caches',
        payload: { code: state.code },
      });
    case 'refreshing-caches': {
      let { instances, acknowledged } = state;
      if (succeeded(message, 'refresh-country-caches') && instances === null) instances = [...(resultOf(message).instances ?? [])];
      else if ((message.type === 'InstanceCachesRefreshed' || message.type === 'InstanceLeft') && !acknowledged.includes(message.instanceId)) acknowledged = [...acknowledged, message.instanceId];
      else return unchanged(state);
      if (instances === null || !instances.every((instance) => acknowledged.includes(instance))) return unchanged({ ...state, instances, acknowledged });
      return next({ ...common(state), steps: advance(state.steps, 'refresh-caches', 'recalculate-dashboards', at), phase: 'recalculating' }, {
        name: 'recalculate-dashboards',
        payload: { code: state.code, atLeastPosition: state.activatedAt },
      });
    }
    case 'recalculating':
      if (!recalculatedPast(message, state.code, state.activatedAt)) return unchanged(state);
      return next({ ...common(state), steps: advance(state.steps, 'recalculate-dashboards', 'notify-administrators', at), phase: 'notifying' }, {
        name: 'notify-administrators',
        payload: notice(state, 'reactivated', null),
      });
    case 'notifying':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return ended({ ...common(state), steps: endStep(state.steps, 'notify-administrators', at, null), phase: 'completed', endedAt: at }, ['complete-by']);
    default:
      return assertNever(state, 'forward state');
  }
}

/** Compensation and cancellation: the deadline (compensate-by) or a failed step ends in `failed`. */
function undoing(state: Undoing, message: ReactivationMessage, { now, deadlineMs }: DecisionContext): Decision {
  const at = now.toISOString();
  const step = currentStep(state);
  const before = 'failure' in state ? `${state.failure}; undoing it` : 'cancelling after the country was deactivated';
  const failure =
    message.type === 'DeadlineReached' && message.deadline === 'compensate-by' && 'failure' in state
      ? `${before} did not finish within ${deadlineMs} ms (in step ${step})`
      : message.type === 'CommandFailed' && message.command === awaitedCommand(state)
        ? `${before} failed: ${step}: ${message.error}`
        : null;
  if (failure !== null) {
    return {
      state: { ...common(state), steps: endStep(state.steps, step, at, failure), phase: 'failed', failure, endedAt: at, failedIn: resumable(state) },
      // Administrators hear of it: the service is half-way and only an operator's retry can finish it.
      commands: [{ name: 'notify-administrators', payload: notice(state, 'reactivation-failed', failure) }],
      deadlines: [],
      cancelDeadlines: ['complete-by', 'compensate-by'],
      lastError: failure,
    };
  }
  switch (state.phase) {
    case 'deactivating': {
      const position = succeeded(message, 'deactivate-country')
        ? (resultOf(message).position ?? state.activatedAt)
        : message.type === 'CountryDeactivated' && !message.byThisProcess
          ? message.position
          : null;
      if (position === null) return unchanged(state);
      return next({ ...common(state), steps: advance(state.steps, 'deactivate-country', 'archive-facts', at), phase: 'archiving', failure: state.failure, deactivatedAt: position }, {
        name: 'archive-country-facts',
        payload: { code: state.code },
      });
    }
    case 'archiving':
      if (!succeeded(message, 'archive-country-facts')) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'archive-facts', 'recalculate-dashboards-back', at), phase: 'recalculating-back', failure: state.failure, deactivatedAt: state.deactivatedAt },
        { name: 'recalculate-dashboards', payload: { code: state.code, atLeastPosition: state.deactivatedAt } },
      );
    case 'recalculating-back':
      if (!recalculatedPast(message, state.code, state.deactivatedAt)) return unchanged(state);
      return next({ ...common(state), steps: advance(state.steps, 'recalculate-dashboards-back', 'notify-failure', at), phase: 'notifying-failure', failure: state.failure }, {
        name: 'notify-administrators',
        payload: notice(state, 'reactivation-undone', state.failure),
      });
    case 'notifying-failure':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return ended({ ...common(state), steps: endStep(state.steps, 'notify-failure', at, null), phase: 'compensated', failure: state.failure, endedAt: at }, ['compensate-by']);
    case 'cancelling':
      if (!succeeded(message, 'archive-country-facts')) return unchanged(state);
      return next({ ...common(state), steps: advance(state.steps, 'archive-facts', 'notify-cancellation', at), phase: 'notifying-cancellation' }, {
        name: 'notify-administrators',
        payload: notice(state, 'reactivation-cancelled', null),
      });
    case 'notifying-cancellation':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return ended({ ...common(state), steps: endStep(state.steps, 'notify-cancellation', at, null), phase: 'cancelled', endedAt: at }, []);
    default:
      return assertNever(state, 'undoing state');
  }
}

/** How the process manager counts a state. */
export function reactivationStatus(state: State): 'running' | 'compensating' | 'completed' | 'compensated' | 'cancelled' | 'failed' {
  switch (state.phase) {
    case 'restoring':
    case 'refreshing-caches':
    case 'recalculating':
    case 'notifying':
      return 'running';
    case 'deactivating':
    case 'archiving':
    case 'recalculating-back':
    case 'notifying-failure':
    case 'cancelling':
    case 'notifying-cancellation':
      return 'compensating';
    case 'completed':
    case 'compensated':
    case 'cancelled':
    case 'failed':
      return state.phase;
    default:
      return assertNever(state, 'reactivation state');
  }
}

/** An operator's retry of the command the undoing step it failed in awaited, as for the deactivation. */
function resume(state: Extract<State, { phase: 'failed' }>, message: ReactivationMessage, { now, deadlineMs }: DecisionContext): Decision {
  if (message.type !== 'RetryRequested' || !state.failedIn) return unchanged(state);
  const resumed: Undoing = { ...common(state), ...state.failedIn };
  if (message.command !== awaitedCommand(resumed)) return unchanged(state);
  const at = now.toISOString();
  return {
    state: { ...resumed, steps: [...state.steps, started(currentStep(state), at)] },
    commands: [],
    deadlines: 'failure' in resumed ? [{ name: 'compensate-by', dueAt: new Date(now.getTime() + deadlineMs) }] : [],
    cancelDeadlines: [],
    lastError: null,
  };
}

function resumable(state: Undoing): ReactivationResumable {
  const { code: _code, activatedAt: _activatedAt, startedAt: _startedAt, steps: _steps, ...rest } = state;
  return rest;
}

function awaitedCommand(state: Forward | Undoing): ReactivationCommandName {
  switch (state.phase) {
    case 'restoring':
      return 'restore-country-facts';
    case 'refreshing-caches':
      return 'refresh-country-caches';
    case 'recalculating':
    case 'recalculating-back':
      return 'recalculate-dashboards';
    case 'notifying':
    case 'notifying-failure':
    case 'notifying-cancellation':
      return 'notify-administrators';
    case 'deactivating':
      return 'deactivate-country';
    case 'archiving':
    case 'cancelling':
      return 'archive-country-facts';
    default:
      return assertNever(state, 'live state');
  }
}

function currentStep(state: State): ReactivationStep {
  const last = state.steps[state.steps.length - 1];
  if (!last) throw new Error(`reactivation of ${state.code} has no step`);
  return last.step;
}

function common(state: State) {
  const { code, activatedAt, startedAt, steps } = state;
  return { code, activatedAt, startedAt, steps };
}

function notice(state: State, outcome: AdministratorNotice['outcome'], failure: string | null): AdministratorNotice {
  return { code: state.code, outcome, reason: null, failure };
}

function next(state: State, command: ReactivationCommand): Decision {
  return { state, commands: [command], deadlines: [], cancelDeadlines: [], lastError: null };
}

function ended(state: State, cancelDeadlines: Decision['cancelDeadlines']): Decision {
  return { state, commands: [], deadlines: [], cancelDeadlines, lastError: null };
}

function unchanged(state: State): Decision {
  return { state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null };
}

function succeeded(message: ReactivationMessage, command: ReactivationCommandName): boolean {
  return message.type === 'CommandSucceeded' && message.command === command;
}

function resultOf(message: ReactivationMessage): CommandResult {
  return message.type === 'CommandSucceeded' ? message.result : {};
}

function recalculatedPast(message: ReactivationMessage, code: string, position: string): boolean {
  return message.type === 'DashboardsRecalculated' && message.code === code && BigInt(message.position) >= BigInt(position);
}

function started(step: ReactivationStep, at: string): ReactivationStepRecord {
  return { step, startedAt: at, endedAt: null, error: null };
}

function endStep(steps: readonly ReactivationStepRecord[], step: ReactivationStep, at: string, error: string | null): ReactivationStepRecord[] {
  return steps.map((record) => (record.step === step && record.endedAt === null ? { ...record, endedAt: at, error } : record));
}

function advance(steps: readonly ReactivationStepRecord[], done: ReactivationStep, nextStep: ReactivationStep, at: string): ReactivationStepRecord[] {
  return [...endStep(steps, done, at, null), started(nextStep, at)];
}
