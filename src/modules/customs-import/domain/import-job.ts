import { assertNever } from '../../../kernel/domain-event';
import { JobTransitionRefusedError } from '../customs-import.errors';

/**
 * An import's life: requested (a request message is on its way) -> running (units planned) ->
 * completed when every unit has ended. The day's quota pauses it until the reset; a key the
 * service refuses fails it at once, since no unit can succeed until an operator fixes the setting.
 */
export const JOB_STATES = ['requested', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobProgress {
  readonly state: JobState;
  readonly version: number;
  readonly pausedUntil: Date | null;
  readonly pauseReason: string | null;
  readonly failureCode: string | null;
  readonly failure: string | null;
  readonly finishedAt: Date | null;
}

export type JobCommand =
  | { readonly type: 'plan' }
  | { readonly type: 'pause'; readonly until: Date; readonly reason: string }
  | { readonly type: 'resume'; readonly now: Date }
  | { readonly type: 'fail'; readonly code: string; readonly message: string; readonly now: Date }
  | { readonly type: 'complete'; readonly now: Date }
  | { readonly type: 'reopen' }
  | { readonly type: 'cancel'; readonly now: Date };

export function newJobProgress(): JobProgress {
  return { state: 'requested', version: 1, pausedUntil: null, pauseReason: null, failureCode: null, failure: null, finishedAt: null };
}

/** True while units may still be fetched or applied. */
export function isActive(state: JobState): boolean {
  return state === 'requested' || state === 'running' || state === 'paused';
}

export function decideJob(job: JobProgress, command: JobCommand): JobProgress {
  const next = (changes: Partial<JobProgress>): JobProgress => ({ ...job, ...changes, version: job.version + 1 });
  const expectState = (...states: JobState[]): void => {
    if (!states.includes(job.state)) throw new JobTransitionRefusedError(command.type, job.state);
  };
  switch (command.type) {
    case 'plan':
      expectState('requested');
      return next({ state: 'running' });
    case 'pause':
      expectState('running', 'paused');
      // Two instances meeting the quota pause until the later reset; neither shortens the other's wait.
      if (job.pausedUntil !== null && job.pausedUntil >= command.until) return job;
      return next({ state: 'paused', pausedUntil: command.until, pauseReason: command.reason });
    case 'resume':
      expectState('paused');
      if (job.pausedUntil !== null && command.now < job.pausedUntil) throw new JobTransitionRefusedError('resume before the quota resets', job.state);
      return next({ state: 'running', pausedUntil: null, pauseReason: null });
    case 'fail':
      expectState('requested', 'running', 'paused');
      return next({ state: 'failed', failureCode: command.code, failure: command.message, pausedUntil: null, finishedAt: command.now });
    case 'complete':
      expectState('running');
      return next({ state: 'completed', finishedAt: command.now });
    case 'reopen':
      expectState('completed', 'running');
      return job.state === 'running' ? job : next({ state: 'running', finishedAt: null });
    case 'cancel':
      expectState('requested', 'running', 'paused');
      return next({ state: 'cancelled', pausedUntil: null, finishedAt: command.now });
    default:
      return assertNever(command, 'job command');
  }
}
