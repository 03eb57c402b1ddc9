import { JobTransitionRefusedError } from '../customs-import.errors';
import { decideJob, JobCommand, JobProgress, newJobProgress } from './import-job';

const NOW = new Date('2026-12-07T10:00:00Z');
const RESET = new Date('2026-12-07T15:00:00Z');

function given(...commands: JobCommand[]): JobProgress {
  return commands.reduce(decideJob, newJobProgress());
}

describe('decideJob', () => {
  it('given a requested import, when planned and completed, then it is completed at that instant', () => {
    expect(given({ type: 'plan' }, { type: 'complete', now: NOW })).toMatchObject({ state: 'completed', version: 3, finishedAt: NOW });
  });

  it('given a running import, when the quota runs out, then it is paused until the reset with the reason', () => {
    expect(given({ type: 'plan' }, { type: 'pause', until: RESET, reason: 'quota' })).toMatchObject({ state: 'paused', pausedUntil: RESET, pauseReason: 'quota' });
  });

  it('given a paused import, when another instance pauses it until an earlier time, then nothing changes', () => {
    const paused = given({ type: 'plan' }, { type: 'pause', until: RESET, reason: 'quota' });

    expect(decideJob(paused, { type: 'pause', until: NOW, reason: 'quota' })).toBe(paused);
  });

  it('given a paused import, when resumed before the reset, then it is refused; at the reset, it runs again', () => {
    const paused = given({ type: 'plan' }, { type: 'pause', until: RESET, reason: 'quota' });

    expect(() => decideJob(paused, { type: 'resume', now: NOW })).toThrow(JobTransitionRefusedError);
    expect(decideJob(paused, { type: 'resume', now: RESET })).toMatchObject({ state: 'running', pausedUntil: null });
  });

  it('given a paused import, when the key is refused, then it fails with the message and is no longer paused', () => {
    const failed = given({ type: 'plan' }, { type: 'pause', until: RESET, reason: 'quota' }, { type: 'fail', code: 'CUSTOMS.KEY_REJECTED', message: 'Check CUSTOMS_SERVICE_KEY', now: NOW });

    expect(failed).toMatchObject({ state: 'failed', failureCode: 'CUSTOMS.KEY_REJECTED', failure: 'Check CUSTOMS_SERVICE_KEY', pausedUntil: null });
  });

  it('given a completed import, when a unit is replayed, then it runs again; a failed one is not reopened', () => {
    expect(decideJob(given({ type: 'plan' }, { type: 'complete', now: NOW }), { type: 'reopen' })).toMatchObject({ state: 'running', finishedAt: null });
    expect(() => decideJob(given({ type: 'fail', code: 'X', message: 'x', now: NOW }), { type: 'reopen' })).toThrow(JobTransitionRefusedError);
  });

  it('given a failed import, when completed, then it is refused', () => {
    expect(() => decideJob(given({ type: 'fail', code: 'X', message: 'x', now: NOW }), { type: 'complete', now: NOW })).toThrow(JobTransitionRefusedError);
  });
});
