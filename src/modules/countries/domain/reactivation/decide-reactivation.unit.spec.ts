import { decideReactivation, reactivationStatus, startReactivation, UNDO_REASON } from './decide-reactivation';
import type { DecisionContext } from '../deactivation/deactivation.messages';
import type { ReactivationCommandName, ReactivationMessage } from './reactivation.messages';
import type { ReactivationPhase, ReactivationState } from './reactivation.state';

const T0 = Date.parse('2026-12-08T10:00:00.000Z');
const DEADLINE_MS = 600_000;
const ACTIVATED_AT = '200';

const at = (second: number): DecisionContext => ({ now: new Date(T0 + second * 1000), deadlineMs: DEADLINE_MS });
const iso = (second: number) => new Date(T0 + second * 1000).toISOString();

const activated = { type: 'CountryActivated', code: 'RU', position: ACTIVATED_AT } as const;
const ok = (command: ReactivationCommandName, result: object = {}): ReactivationMessage => ({ type: 'CommandSucceeded', command, result });
const refused = (command: ReactivationCommandName, error = 'refused'): ReactivationMessage => ({ type: 'CommandFailed', command, error });
const recalculated = (position: string, code = 'RU'): ReactivationMessage => ({ type: 'DashboardsRecalculated', code, position });
const deactivatedByOperator = (position = '230'): ReactivationMessage => ({ type: 'CountryDeactivated', code: 'RU', position, byThisProcess: false });
const deadline = (name: 'complete-by' | 'compensate-by'): ReactivationMessage => ({ type: 'DeadlineReached', deadline: name });

function given(...messages: ReactivationMessage[]): ReactivationState {
  return messages.reduce((state, message, index) => decideReactivation(state, message, at(index + 1)).state, startReactivation(activated, at(0)).state);
}

const when = (state: ReactivationState, message: ReactivationMessage) => decideReactivation(state, message, at(60));
const nothing = (state: ReactivationState) => ({ state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });

const ROADS: Record<ReactivationPhase, ReactivationMessage[]> = {
  restoring: [],
  'refreshing-caches': [ok('restore-country-facts')],
  recalculating: [ok('restore-country-facts'), ok('refresh-country-caches', { instances: [] })],
  notifying: [ok('restore-country-facts'), ok('refresh-country-caches', { instances: [] }), recalculated(ACTIVATED_AT)],
  completed: [ok('restore-country-facts'), ok('refresh-country-caches', { instances: [] }), recalculated(ACTIVATED_AT), ok('notify-administrators')],
  deactivating: [deadline('complete-by')],
  archiving: [deadline('complete-by'), ok('deactivate-country', { position: '220' })],
  'recalculating-back': [deadline('complete-by'), ok('deactivate-country', { position: '220' }), ok('archive-country-facts')],
  'notifying-failure': [deadline('complete-by'), ok('deactivate-country', { position: '220' }), ok('archive-country-facts'), recalculated('220')],
  compensated: [deadline('complete-by'), ok('deactivate-country', { position: '220' }), ok('archive-country-facts'), recalculated('220'), ok('notify-administrators')],
  cancelling: [deactivatedByOperator()],
  'notifying-cancellation': [deactivatedByOperator(), ok('archive-country-facts')],
  cancelled: [deactivatedByOperator(), ok('archive-country-facts'), ok('notify-administrators')],
  failed: [deadline('complete-by'), refused('deactivate-country')],
};
const inPhase = (phase: ReactivationPhase) => given(...ROADS[phase]);

const FORWARD = ['restoring', 'refreshing-caches', 'recalculating', 'notifying'] as const;
const COMPENSATING = ['deactivating', 'archiving', 'recalculating-back', 'notifying-failure'] as const;
const AWAITED = {
  restoring: 'restore-country-facts',
  'refreshing-caches': 'refresh-country-caches',
  recalculating: 'recalculate-dashboards',
  notifying: 'notify-administrators',
  deactivating: 'deactivate-country',
  archiving: 'archive-country-facts',
  'recalculating-back': 'recalculate-dashboards',
  'notifying-failure': 'notify-administrators',
  cancelling: 'archive-country-facts',
  'notifying-cancellation': 'notify-administrators',
} as const;

describe('country reactivation: the reverse of a completed deactivation', () => {
  it('given an operator reactivated the country, when the process starts, then the archived facts come back first, under the deadline', () => {
    expect(startReactivation(activated, at(0))).toEqual({
      state: { phase: 'restoring', code: 'RU', activatedAt: ACTIVATED_AT, startedAt: iso(0), steps: [{ step: 'restore-facts', startedAt: iso(0), endedAt: null, error: null }] },
      commands: [{ name: 'restore-country-facts', payload: { code: 'RU' } }],
      deadlines: [{ name: 'complete-by', dueAt: new Date(T0 + DEADLINE_MS) }],
      cancelDeadlines: [],
      lastError: null,
    });
  });

  it.each([
    ['restoring', ok('restore-country-facts'), 'refreshing-caches', { name: 'refresh-country-caches', payload: { code: 'RU' } }],
    ['recalculating', recalculated('1000'), 'notifying', { name: 'notify-administrators', payload: { code: 'RU', outcome: 'reactivated', reason: null, failure: null } }],
    ['archiving', ok('archive-country-facts'), 'recalculating-back', { name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: '220' } }],
    ['deactivating', ok('deactivate-country', { position: '220' }), 'archiving', { name: 'archive-country-facts', payload: { code: 'RU' } }],
    ['cancelling', ok('archive-country-facts'), 'notifying-cancellation', { name: 'notify-administrators', payload: { code: 'RU', outcome: 'reactivation-cancelled', reason: null, failure: null } }],
  ] as const)('given %s, when %j arrives, then it moves to %s and sends %j', (phase, message, nextPhase, command) => {
    const decision = when(inPhase(phase), message);

    expect(decision.state.phase).toBe(nextPhase);
    expect(decision.commands).toEqual([command]);
  });

  it('given refreshing caches, when every instance asked has acknowledged or left, then the dashboards are recalculated past the activation', () => {
    const state = given(ok('restore-country-facts'), ok('refresh-country-caches', { instances: ['a', 'b'] }), { type: 'InstanceCachesRefreshed', instanceId: 'a' });

    const decision = when(state, { type: 'InstanceLeft', instanceId: 'b' });

    expect(decision.commands).toEqual([{ name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: ACTIVATED_AT } }]);
  });

  it.each([
    ['recalculating', recalculated('199')],
    ['recalculating', recalculated(ACTIVATED_AT, 'CN')],
    ['recalculating-back', recalculated('219')],
  ] as const)('given %s, when the dashboards report %j (not far enough, or another country), then it keeps waiting', (phase, message) => {
    const state = inPhase(phase);
    expect(when(state, message)).toEqual(nothing(state));
  });

  it.each([
    ['notifying', 'completed', ['complete-by']],
    ['notifying-failure', 'compensated', ['compensate-by']],
    ['notifying-cancellation', 'cancelled', []],
  ] as const)('given %s, when the notice is sent, then the process is %s', (phase, ending, cancelDeadlines) => {
    const decision = when(inPhase(phase), ok('notify-administrators'));

    expect(decision.state).toMatchObject({ phase: ending, endedAt: iso(60) });
    expect(decision.cancelDeadlines).toEqual(cancelDeadlines);
    expect(reactivationStatus(decision.state)).toBe(ending);
  });

  it.each(FORWARD)('given %s, when the deadline passes, then the country is deactivated again by command', (phase) => {
    const decision = when(inPhase(phase), deadline('complete-by'));

    expect(decision.state).toMatchObject({ phase: 'deactivating', failure: expect.stringMatching(/^not done within 600000 ms \(in step /) });
    expect(decision.commands).toEqual([{ name: 'deactivate-country', payload: { code: 'RU', reason: UNDO_REASON } }]);
    expect(decision.deadlines).toEqual([{ name: 'compensate-by', dueAt: new Date(T0 + 60_000 + DEADLINE_MS) }]);
    expect(decision.cancelDeadlines).toEqual(['complete-by']);
    expect(reactivationStatus(decision.state)).toBe('compensating');
  });

  it.each(FORWARD)('given %s, when its command fails for good, then compensation starts with that failure', (phase) => {
    const decision = when(inPhase(phase), refused(AWAITED[phase], 'ES down'));

    expect(decision.state).toMatchObject({ phase: 'deactivating', failure: expect.stringMatching(/failed: ES down$/) });
    expect(decision.lastError).toMatch(/failed: ES down$/);
  });

  it.each(FORWARD)('given %s, when an operator aborts it, then the country is deactivated again', (phase) => {
    const decision = when(inPhase(phase), { type: 'AbortRequested', by: 'alice', reason: 'too early' });

    expect(decision.state).toMatchObject({ phase: 'deactivating', failure: expect.stringMatching(/^aborted by alice \(in step .*\): too early$/) });
    expect(decision.commands).toEqual([{ name: 'deactivate-country', payload: { code: 'RU', reason: UNDO_REASON } }]);
  });

  it.each([...COMPENSATING, 'cancelling', 'completed', 'failed'] as const)('given %s, when an operator aborts it, then nothing changes', (phase) => {
    const state = inPhase(phase);
    expect(when(state, { type: 'AbortRequested', by: 'alice', reason: 'again' })).toEqual(nothing(state));
  });

  it.each(FORWARD)('given %s, when an operator deactivates the country, then it is cancelled: the facts are archived again', (phase) => {
    const decision = when(inPhase(phase), deactivatedByOperator('230'));

    expect(decision.state).toMatchObject({ phase: 'cancelling', deactivatedAt: '230' });
    expect(decision.commands).toEqual([{ name: 'archive-country-facts', payload: { code: 'RU' } }]);
    expect(decision.cancelDeadlines).toEqual(['complete-by']);
  });

  it('given deactivating, when an operator deactivates first, then that counts as the step', () => {
    expect(when(inPhase('deactivating'), deactivatedByOperator('225')).state).toMatchObject({ phase: 'archiving', deactivatedAt: '225' });
  });

  it.each(FORWARD)('given %s, when its own deactivation or a stale deadline arrives, then nothing changes', (phase) => {
    const state = inPhase(phase);

    expect(when(state, { type: 'CountryDeactivated', code: 'RU', position: '240', byThisProcess: true })).toEqual(nothing(state));
    expect(when(state, deadline('compensate-by'))).toEqual(nothing(state));
  });

  it.each(COMPENSATING)('given %s, when the compensation deadline passes, then the process fails for an operator', (phase) => {
    const decision = when(inPhase(phase), deadline('compensate-by'));

    expect(decision.state.phase).toBe('failed');
    expect(decision.lastError).toMatch(/; undoing it did not finish within 600000 ms/);
  });

  it.each([...COMPENSATING, 'cancelling', 'notifying-cancellation'] as const)('given %s, when its command fails for good, then the process fails', (phase) => {
    const decision = when(inPhase(phase), refused(AWAITED[phase]));

    expect(decision.state.phase).toBe('failed');
    expect(reactivationStatus(decision.state)).toBe('failed');
    expect(decision.cancelDeadlines).toEqual(['complete-by', 'compensate-by']);
    expect(decision.commands).toEqual([{ name: 'notify-administrators', payload: { code: 'RU', outcome: 'reactivation-failed', reason: null, failure: decision.lastError } }]);
  });

  it.each(['completed', 'compensated', 'cancelled', 'failed'] as const)('given %s, when anything arrives, then nothing changes', (phase) => {
    const state = inPhase(phase);
    expect(state.phase).toBe(phase);
    for (const message of [activated, deactivatedByOperator(), ok('restore-country-facts'), refused('notify-administrators'), recalculated('999'), deadline('complete-by'), deadline('compensate-by')]) {
      expect(when(state, message)).toEqual(nothing(state));
    }
  });

  it.each(Object.keys(ROADS) as ReactivationPhase[])('%s is reached by its road', (phase) => {
    expect(inPhase(phase).phase).toBe(phase);
  });
});

describe('country reactivation: an operator retries the step its undoing failed in', () => {
  const UNDOING = [...COMPENSATING, 'cancelling', 'notifying-cancellation'] as const;
  const retry = (command: ReactivationCommandName): ReactivationMessage => ({ type: 'RetryRequested', command, by: 'operator' });
  const failedIn = (phase: (typeof UNDOING)[number]) => given(...ROADS[phase], refused(AWAITED[phase]));

  it.each(UNDOING)('given it failed in %s, when the operator retries its command, then the step starts again where it stood', (phase) => {
    const failed = failedIn(phase);

    const decision = when(failed, retry(AWAITED[phase]));

    const failedStep = failed.steps[failed.steps.length - 1];
    const compensation = (COMPENSATING as readonly string[]).includes(phase);
    expect(decision).toEqual({
      state: { ...inPhase(phase), steps: [...failed.steps, { step: failedStep?.step, startedAt: iso(60), endedAt: null, error: null }] },
      commands: [],
      deadlines: compensation ? [{ name: 'compensate-by', dueAt: new Date(T0 + 60_000 + DEADLINE_MS) }] : [],
      cancelDeadlines: [],
      lastError: null,
    });
    expect(reactivationStatus(decision.state)).toBe('compensating');
  });

  it('given it failed archiving again and was retried, when the archive is done, then it waits for the dashboards past its own deactivation', () => {
    const resumed = when(failedIn('archiving'), retry('archive-country-facts')).state;

    const decision = decideReactivation(resumed, ok('archive-country-facts'), at(61));

    expect(decision.state).toMatchObject({ phase: 'recalculating-back', deactivatedAt: '220' });
    expect(decision.commands).toEqual([{ name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: '220' } }]);
  });

  it.each(UNDOING)('given it failed in %s, when the operator retries another command, then nothing changes', (phase) => {
    const failed = failedIn(phase);
    // Forward commands only: never what an undoing step awaits.
    for (const other of ['restore-country-facts', 'refresh-country-caches'] as const) expect(when(failed, retry(other))).toEqual(nothing(failed));
  });

  it.each(Object.keys(ROADS).filter((phase) => phase !== 'failed') as ReactivationPhase[])('given %s, when an operator retries any command, then nothing changes', (phase) => {
    const state = inPhase(phase);

    for (const command of Object.values(AWAITED)) expect(when(state, retry(command))).toEqual(nothing(state));
  });
});
