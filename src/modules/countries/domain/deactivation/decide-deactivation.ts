import { assertNever } from '../../../../kernel/domain-event';
import type {
  AdministratorNotice,
  CommandResult,
  DeactivationCommand,
  DeactivationCommandName,
  DeactivationDecision,
  DeactivationMessage,
  DecisionContext,
} from './deactivation.messages';
import type { DeactivationState, DeactivationStep, Failed, Resumable, StepRecord } from './deactivation.state';

type Decision = DeactivationDecision<DeactivationState>;
type Deactivated = Extract<DeactivationMessage, { type: 'CountryDeactivated' }>;

/**
 * Starts the process on CountryDeactivated: (a) archive the facts, with the deadline by which the
 * whole deactivation must be done or undone.
 */
export function startDeactivation(message: Deactivated, { now, deadlineMs }: DecisionContext): Decision {
  const at = now.toISOString();
  const state: DeactivationState = {
    phase: 'archiving',
    code: message.code,
    reason: message.reason,
    deactivatedAt: message.position,
    startedAt: at,
    steps: [started('archive-facts', at)],
  };
  return {
    state,
    commands: [{ name: 'archive-country-facts', payload: { code: message.code } }],
    deadlines: [{ name: 'complete-by', dueAt: new Date(now.getTime() + deadlineMs) }],
    cancelDeadlines: [],
    lastError: null,
  };
}

/**
 * The next step of a running process, pure: (state, message) -> (state, commands, deadlines).
 * Forward: archive -> refresh caches -> dashboards recalculated -> notify -> completed. The
 * deadline or a step's permanent failure turns to compensation: reactivate -> restore facts ->
 * dashboards include the country again -> notify the failure -> compensated. An operator's
 * reactivation while it runs cancels it: restore facts -> notify -> cancelled. An operator's abort
 * while it runs forward undoes it like a failure. A message that
 * does not concern the current step changes nothing (a late answer, a redelivered event).
 */
export function decideDeactivation(state: DeactivationState, message: DeactivationMessage, context: DecisionContext): Decision {
  switch (state.phase) {
    case 'archiving':
    case 'recalculating':
    case 'notifying':
    case 'refreshing-caches':
      return forward(state, message, context);
    case 'reactivating':
    case 'restoring':
    case 'recalculating-back':
    case 'notifying-failure':
      return compensating(state, message, context);
    case 'cancelling':
    case 'notifying-cancellation':
      return cancelling(state, message, context);
    case 'completed':
    case 'compensated':
    case 'cancelled':
      return unchanged(state);
    case 'failed':
      return resume(state, message, context);
    default:
      return assertNever(state, 'deactivation state');
  }
}

type Forward = Extract<DeactivationState, { phase: 'archiving' | 'refreshing-caches' | 'recalculating' | 'notifying' }>;

function forward(state: Forward, message: DeactivationMessage, context: DecisionContext): Decision {
  const at = context.now.toISOString();
  if (message.type === 'DeadlineReached' && message.deadline === 'complete-by') {
    return compensate(state, `not done within ${context.deadlineMs} ms (in step ${currentStep(state)})`, context);
  }
  if (message.type === 'CommandFailed' && message.command === awaitedCommand(state)) {
    return compensate(state, `${currentStep(state)} failed: ${message.error}`, context);
  }
  if (message.type === 'AbortRequested') {
    return compensate(state, `aborted by ${message.by} (in step ${currentStep(state)}): ${message.reason}`, context);
  }
  if (message.type === 'CountryActivated' && !message.byThisProcess) {
    const steps = endStep(state.steps, currentStep(state), at, 'cancelled: the country was reactivated');
    return {
      state: { ...common(state), steps: [...steps, started('restore-facts', at)], phase: 'cancelling', reactivatedAt: message.position },
      commands: [{ name: 'restore-country-facts', payload: { code: state.code } }],
      deadlines: [],
      cancelDeadlines: ['complete-by'],
      lastError: null,
    };
  }
  switch (state.phase) {
    case 'archiving':
      if (!succeeded(message, 'archive-country-facts')) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'archive-facts', 'refresh-caches', at), phase: 'refreshing-caches', instances: null, acknowledged: [] },
        { name: 'refresh-country-caches', payload: { code: state.code } },
      );
    case 'refreshing-caches':
      return refreshing(state, message, at);
    case 'recalculating':
      if (message.type !== 'DashboardsRecalculated' || message.code !== state.code || !atOrAfter(message.position, state.deactivatedAt)) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'recalculate-dashboards', 'notify-administrators', at), phase: 'notifying' },
        { name: 'notify-administrators', payload: notice(state, 'deactivated', null) },
      );
    case 'notifying':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return {
        state: { ...common(state), steps: endStep(state.steps, 'notify-administrators', at, null), phase: 'completed', endedAt: at },
        commands: [],
        deadlines: [],
        cancelDeadlines: ['complete-by'],
        lastError: null,
      };
    default:
      return assertNever(state, 'forward state');
  }
}

/** (b) done once every instance the request reached has acknowledged or left. */
function refreshing(state: Extract<DeactivationState, { phase: 'refreshing-caches' }>, message: DeactivationMessage, at: string): Decision {
  let { instances, acknowledged } = state;
  if (succeeded(message, 'refresh-country-caches') && instances === null) {
    instances = [...(resultOf(message).instances ?? [])];
  } else if ((message.type === 'InstanceCachesRefreshed' || message.type === 'InstanceLeft') && !acknowledged.includes(message.instanceId)) {
    acknowledged = [...acknowledged, message.instanceId];
  } else {
    return unchanged(state);
  }
  const settled = instances !== null && instances.every((instance) => acknowledged.includes(instance));
  if (!settled) return unchanged({ ...state, instances, acknowledged });
  return next(
    { ...common(state), steps: advance(state.steps, 'refresh-caches', 'recalculate-dashboards', at), phase: 'recalculating' },
    { name: 'recalculate-dashboards', payload: { code: state.code, atLeastPosition: state.deactivatedAt } },
  );
}

type Compensating = Extract<DeactivationState, { phase: 'reactivating' | 'restoring' | 'recalculating-back' | 'notifying-failure' }>;

function compensating(state: Compensating, message: DeactivationMessage, context: DecisionContext): Decision {
  const at = context.now.toISOString();
  if (message.type === 'DeadlineReached' && message.deadline === 'compensate-by') {
    return fail(state, `${state.failure}; undoing it did not finish within ${context.deadlineMs} ms (in step ${currentStep(state)})`, at);
  }
  if (message.type === 'CommandFailed' && message.command === awaitedCommand(state)) {
    return fail(state, `${state.failure}; undoing it failed: ${currentStep(state)}: ${message.error}`, at);
  }
  switch (state.phase) {
    case 'reactivating': {
      // An operator's reactivation does what this step would have.
      const position = succeeded(message, 'reactivate-country')
        ? (resultOf(message).position ?? state.deactivatedAt)
        : message.type === 'CountryActivated' && !message.byThisProcess
          ? message.position
          : null;
      if (position === null) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'reactivate-country', 'restore-facts', at), phase: 'restoring', failure: state.failure, reactivatedAt: position },
        { name: 'restore-country-facts', payload: { code: state.code } },
      );
    }
    case 'restoring':
      if (!succeeded(message, 'restore-country-facts')) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'restore-facts', 'recalculate-dashboards-back', at), phase: 'recalculating-back', failure: state.failure, reactivatedAt: state.reactivatedAt },
        { name: 'recalculate-dashboards', payload: { code: state.code, atLeastPosition: state.reactivatedAt } },
      );
    case 'recalculating-back':
      if (message.type !== 'DashboardsRecalculated' || message.code !== state.code || !atOrAfter(message.position, state.reactivatedAt)) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'recalculate-dashboards-back', 'notify-failure', at), phase: 'notifying-failure', failure: state.failure },
        { name: 'notify-administrators', payload: notice(state, 'deactivation-undone', state.failure) },
      );
    case 'notifying-failure':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return {
        state: { ...common(state), steps: endStep(state.steps, 'notify-failure', at, null), phase: 'compensated', failure: state.failure, endedAt: at },
        commands: [],
        deadlines: [],
        cancelDeadlines: ['compensate-by'],
        lastError: null,
      };
    default:
      return assertNever(state, 'compensating state');
  }
}

type Cancelling = Extract<DeactivationState, { phase: 'cancelling' | 'notifying-cancellation' }>;

function cancelling(state: Cancelling, message: DeactivationMessage, context: DecisionContext): Decision {
  const at = context.now.toISOString();
  if (message.type === 'CommandFailed' && message.command === awaitedCommand(state)) {
    return fail(state, `cancelling after the country was reactivated failed: ${currentStep(state)}: ${message.error}`, at);
  }
  switch (state.phase) {
    case 'cancelling':
      if (!succeeded(message, 'restore-country-facts')) return unchanged(state);
      return next(
        { ...common(state), steps: advance(state.steps, 'restore-facts', 'notify-cancellation', at), phase: 'notifying-cancellation' },
        { name: 'notify-administrators', payload: notice(state, 'deactivation-cancelled', null) },
      );
    case 'notifying-cancellation':
      if (!succeeded(message, 'notify-administrators')) return unchanged(state);
      return {
        state: { ...common(state), steps: endStep(state.steps, 'notify-cancellation', at, null), phase: 'cancelled', endedAt: at },
        commands: [],
        deadlines: [],
        cancelDeadlines: [],
        lastError: null,
      };
    default:
      return assertNever(state, 'cancelling state');
  }
}

/** Turns to compensation: the forward step ends with the failure, the country is reactivated first. */
function compensate(state: Forward, failure: string, { now, deadlineMs }: DecisionContext): Decision {
  const at = now.toISOString();
  const steps = [...endStep(state.steps, currentStep(state), at, failure), started('reactivate-country', at)];
  return {
    state: { ...common(state), steps, phase: 'reactivating', failure },
    commands: [{ name: 'reactivate-country', payload: { code: state.code } }],
    deadlines: [{ name: 'compensate-by', dueAt: new Date(now.getTime() + deadlineMs) }],
    cancelDeadlines: ['complete-by'],
    lastError: failure,
  };
}

function fail(state: Compensating | Cancelling, failure: string, at: string): Decision {
  const steps = endStep(state.steps, currentStep(state), at, failure);
  return {
    state: { ...common(state), steps, phase: 'failed', failure, endedAt: at, failedIn: resumable(state) },
    // Administrators hear of it: the service is half-way and only an operator's retry can finish it.
    commands: [{ name: 'notify-administrators', payload: notice(state, 'deactivation-failed', failure) }],
    deadlines: [],
    cancelDeadlines: ['complete-by', 'compensate-by'],
    lastError: failure,
  };
}

/**
 * An operator's retry of the command the undoing step it failed in awaited: the step starts again
 * (a record of its own beside the failed one), an undoing under a new compensation deadline; the
 * manager sends the command again. A retry of any other command changes nothing, and so refuses.
 */
function resume(state: Failed, message: DeactivationMessage, { now, deadlineMs }: DecisionContext): Decision {
  if (message.type !== 'RetryRequested' || !state.failedIn) return unchanged(state);
  const resumed: Compensating | Cancelling = { ...common(state), ...state.failedIn };
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

/** An undoing state without what every state holds, kept by a failed process for a retry. */
function resumable(state: Compensating | Cancelling): Resumable {
  const { code: _code, reason: _reason, deactivatedAt: _deactivatedAt, startedAt: _startedAt, steps: _steps, ...rest } = state;
  return rest;
}

/** The step a live state is in: the last one started. */
function currentStep(state: DeactivationState): DeactivationStep {
  const last = state.steps[state.steps.length - 1];
  if (!last) throw new Error(`deactivation of ${state.code} has no step`);
  return last.step;
}

/** The command whose answer the current step waits for; null while it waits for a message instead. */
function awaitedCommand(state: Forward | Compensating | Cancelling): DeactivationCommandName | null {
  switch (state.phase) {
    case 'archiving':
      return 'archive-country-facts';
    case 'refreshing-caches':
      return 'refresh-country-caches';
    case 'recalculating':
    case 'recalculating-back':
      return 'recalculate-dashboards';
    case 'notifying':
    case 'notifying-failure':
    case 'notifying-cancellation':
      return 'notify-administrators';
    case 'reactivating':
      return 'reactivate-country';
    case 'restoring':
    case 'cancelling':
      return 'restore-country-facts';
    default:
      return assertNever(state, 'live state');
  }
}

function common(state: DeactivationState) {
  const { code, reason, deactivatedAt, startedAt, steps } = state;
  return { code, reason, deactivatedAt, startedAt, steps };
}

function notice(state: DeactivationState, outcome: AdministratorNotice['outcome'], failure: string | null): AdministratorNotice {
  return { code: state.code, outcome, reason: state.reason, failure };
}

function next(state: DeactivationState, command: DeactivationCommand): Decision {
  return { state, commands: [command], deadlines: [], cancelDeadlines: [], lastError: null };
}

function unchanged(state: DeactivationState): Decision {
  return { state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null };
}

function succeeded(message: DeactivationMessage, command: DeactivationCommandName): boolean {
  return message.type === 'CommandSucceeded' && message.command === command;
}

function resultOf(message: DeactivationMessage): CommandResult {
  return message.type === 'CommandSucceeded' ? message.result : {};
}

function started(step: DeactivationStep, at: string): StepRecord {
  return { step, startedAt: at, endedAt: null, error: null };
}

function endStep(steps: readonly StepRecord[], step: DeactivationStep, at: string, error: string | null): StepRecord[] {
  return steps.map((record) => (record.step === step && record.endedAt === null ? { ...record, endedAt: at, error } : record));
}

function advance(steps: readonly StepRecord[], done: DeactivationStep, nextStep: DeactivationStep, at: string): StepRecord[] {
  return [...endStep(steps, done, at, null), started(nextStep, at)];
}

/** Log positions are decimal strings of a bigint: compared as numbers, never as text. */
function atOrAfter(position: string, required: string): boolean {
  return BigInt(position) >= BigInt(required);
}

/** How the process manager counts a state (its `ProcessStatus`). */
export type DeactivationStatus = 'running' | 'compensating' | 'completed' | 'compensated' | 'cancelled' | 'failed';

export function deactivationStatus(state: DeactivationState): DeactivationStatus {
  switch (state.phase) {
    case 'archiving':
    case 'refreshing-caches':
    case 'recalculating':
    case 'notifying':
      return 'running';
    case 'reactivating':
    case 'restoring':
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
      return assertNever(state, 'deactivation state');
  }
}
