import { decideDeactivation, deactivationStatus, startDeactivation } from './decide-deactivation';
import type { DeactivationCommandName, DeactivationMessage, DecisionContext } from './deactivation.messages';
import type { DeactivationPhase, DeactivationState } from './deactivation.state';

const T0 = Date.parse('2026-12-08T09:00:00.000Z');
const DEADLINE_MS = 600_000;
const DEACTIVATED_AT = '100';

/** The n-th message is decided n seconds after the start, so every step's times are distinct. */
const at = (second: number): DecisionContext => ({ now: new Date(T0 + second * 1000), deadlineMs: DEADLINE_MS });
const iso = (second: number) => new Date(T0 + second * 1000).toISOString();

const deactivated = { type: 'CountryDeactivated', code: 'RU', reason: 'sanctions', position: DEACTIVATED_AT } as const;
const ok = (command: DeactivationCommandName, result: object = {}): DeactivationMessage => ({ type: 'CommandSucceeded', command, result });
const refused = (command: DeactivationCommandName, error = 'READ_MODEL_UNAVAILABLE'): DeactivationMessage => ({ type: 'CommandFailed', command, error });
const recalculated = (position: string, code = 'RU'): DeactivationMessage => ({ type: 'DashboardsRecalculated', code, position });
const acked = (instanceId: string): DeactivationMessage => ({ type: 'InstanceCachesRefreshed', instanceId });
const activatedByOperator = (position = '130'): DeactivationMessage => ({ type: 'CountryActivated', code: 'RU', position, byThisProcess: false });
const deadline = (name: 'complete-by' | 'compensate-by'): DeactivationMessage => ({ type: 'DeadlineReached', deadline: name });

/** Given: the process started, then took in these messages. */
function given(...messages: DeactivationMessage[]): DeactivationState {
  return messages.reduce((state, message, index) => decideDeactivation(state, message, at(index + 1)).state, startDeactivation(deactivated, at(0)).state);
}

/** When: the next message, decided one second after the last given one. */
function when(state: DeactivationState, message: DeactivationMessage, second = 60) {
  return decideDeactivation(state, message, at(second));
}

// The road to each phase; a Record, so a new phase fails to compile until it has one.
const ROADS: Record<DeactivationPhase, DeactivationMessage[]> = {
  archiving: [],
  'refreshing-caches': [ok('archive-country-facts')],
  recalculating: [ok('archive-country-facts'), ok('refresh-country-caches', { instances: [] })],
  notifying: [ok('archive-country-facts'), ok('refresh-country-caches', { instances: [] }), recalculated(DEACTIVATED_AT)],
  completed: [ok('archive-country-facts'), ok('refresh-country-caches', { instances: [] }), recalculated(DEACTIVATED_AT), ok('notify-administrators')],
  reactivating: [deadline('complete-by')],
  restoring: [deadline('complete-by'), ok('reactivate-country', { position: '120' })],
  'recalculating-back': [deadline('complete-by'), ok('reactivate-country', { position: '120' }), ok('restore-country-facts')],
  'notifying-failure': [deadline('complete-by'), ok('reactivate-country', { position: '120' }), ok('restore-country-facts'), recalculated('120')],
  compensated: [deadline('complete-by'), ok('reactivate-country', { position: '120' }), ok('restore-country-facts'), recalculated('120'), ok('notify-administrators')],
  cancelling: [activatedByOperator()],
  'notifying-cancellation': [activatedByOperator(), ok('restore-country-facts')],
  cancelled: [activatedByOperator(), ok('restore-country-facts'), ok('notify-administrators')],
  failed: [deadline('complete-by'), refused('reactivate-country')],
};
const inPhase = (phase: DeactivationPhase) => given(...ROADS[phase]);

const FORWARD = ['archiving', 'refreshing-caches', 'recalculating', 'notifying'] as const;
const COMPENSATING = ['reactivating', 'restoring', 'recalculating-back', 'notifying-failure'] as const;
const ENDED = ['completed', 'compensated', 'cancelled', 'failed'] as const;
const AWAITED: Record<(typeof FORWARD)[number] | (typeof COMPENSATING)[number] | 'cancelling' | 'notifying-cancellation', DeactivationCommandName> = {
  archiving: 'archive-country-facts',
  'refreshing-caches': 'refresh-country-caches',
  recalculating: 'recalculate-dashboards',
  notifying: 'notify-administrators',
  reactivating: 'reactivate-country',
  restoring: 'restore-country-facts',
  'recalculating-back': 'recalculate-dashboards',
  'notifying-failure': 'notify-administrators',
  cancelling: 'restore-country-facts',
  'notifying-cancellation': 'notify-administrators',
};

describe('country deactivation: the forward path', () => {
  it('given CountryDeactivated, when the process starts, then it archives the facts with the deadline ten minutes on', () => {
    const decision = startDeactivation(deactivated, at(0));

    expect(decision).toEqual({
      state: {
        phase: 'archiving',
        code: 'RU',
        reason: 'sanctions',
        deactivatedAt: DEACTIVATED_AT,
        startedAt: iso(0),
        steps: [{ step: 'archive-facts', startedAt: iso(0), endedAt: null, error: null }],
      },
      commands: [{ name: 'archive-country-facts', payload: { code: 'RU' } }],
      deadlines: [{ name: 'complete-by', dueAt: new Date(T0 + DEADLINE_MS) }],
      cancelDeadlines: [],
      lastError: null,
    });
    expect(deactivationStatus(decision.state)).toBe('running');
  });

  it('given archiving, when the archive is done, then every instance is asked to refresh its country caches', () => {
    const decision = when(inPhase('archiving'), ok('archive-country-facts'));

    expect(decision.state).toMatchObject({ phase: 'refreshing-caches', instances: null, acknowledged: [] });
    expect(decision.commands).toEqual([{ name: 'refresh-country-caches', payload: { code: 'RU' } }]);
  });

  it('given the refresh answered with two instances, when one acknowledges, then it still waits for the other', () => {
    const state = given(ok('archive-country-facts'), ok('refresh-country-caches', { instances: ['a', 'b'] }));

    const decision = when(state, acked('a'));

    expect(decision.state).toMatchObject({ phase: 'refreshing-caches', instances: ['a', 'b'], acknowledged: ['a'] });
    expect(decision.commands).toEqual([]);
  });

  it('given one instance acknowledged, when the other does, then the dashboards are recalculated past the deactivation', () => {
    const state = given(ok('archive-country-facts'), ok('refresh-country-caches', { instances: ['a', 'b'] }), acked('a'));

    const decision = when(state, acked('b'));

    expect(decision.state.phase).toBe('recalculating');
    expect(decision.commands).toEqual([{ name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: DEACTIVATED_AT } }]);
  });

  it('given both instances acknowledged before the request was answered, when it is, then the step is done', () => {
    const state = given(ok('archive-country-facts'), acked('a'), acked('b'));

    expect(when(state, ok('refresh-country-caches', { instances: ['a', 'b'] })).state.phase).toBe('recalculating');
  });

  it('given one instance acknowledged, when the other leaves (heartbeat lapsed), then it has nothing left to refresh', () => {
    const state = given(ok('archive-country-facts'), ok('refresh-country-caches', { instances: ['a', 'b'] }), acked('a'));

    expect(when(state, { type: 'InstanceLeft', instanceId: 'b' }).state.phase).toBe('recalculating');
  });

  it('given the refresh request, when an instance acknowledges twice, then it counts once', () => {
    const state = given(ok('archive-country-facts'), ok('refresh-country-caches', { instances: ['a', 'b'] }), acked('a'));

    const decision = when(state, acked('a'));

    expect(decision.state).toMatchObject({ phase: 'refreshing-caches', acknowledged: ['a'] });
  });

  it.each([
    ['a position before the deactivation', recalculated('99')],
    ['another country', recalculated(DEACTIVATED_AT, 'CN')],
    ['only the request accepted', ok('recalculate-dashboards')],
  ])('given recalculating, when told of %s, then it keeps waiting', (_what, message) => {
    const state = inPhase('recalculating');

    expect(when(state, message)).toEqual({ state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });
  });

  it('given recalculating, when the dashboards passed a later position (compared as numbers), then administrators are notified', () => {
    const decision = when(inPhase('recalculating'), recalculated('1000'));

    expect(decision.state.phase).toBe('notifying');
    expect(decision.commands).toEqual([
      { name: 'notify-administrators', payload: { code: 'RU', outcome: 'deactivated', reason: 'sanctions', failure: null } },
    ]);
  });

  it('given notifying, when the notice is sent, then the process is completed, its deadline gone, every step timed', () => {
    const decision = when(inPhase('notifying'), ok('notify-administrators'));

    expect(decision).toEqual({
      state: {
        phase: 'completed',
        code: 'RU',
        reason: 'sanctions',
        deactivatedAt: DEACTIVATED_AT,
        startedAt: iso(0),
        endedAt: iso(60),
        steps: [
          { step: 'archive-facts', startedAt: iso(0), endedAt: iso(1), error: null },
          { step: 'refresh-caches', startedAt: iso(1), endedAt: iso(2), error: null },
          { step: 'recalculate-dashboards', startedAt: iso(2), endedAt: iso(3), error: null },
          { step: 'notify-administrators', startedAt: iso(3), endedAt: iso(60), error: null },
        ],
      },
      commands: [],
      deadlines: [],
      cancelDeadlines: ['complete-by'],
      lastError: null,
    });
    expect(deactivationStatus(decision.state)).toBe('completed');
  });

  it.each([
    ['archiving', ok('refresh-country-caches', { instances: [] })],
    ['refreshing-caches', ok('archive-country-facts')],
    ['recalculating', ok('archive-country-facts')],
    ['notifying', refused('archive-country-facts')],
  ] as const)('given %s, when a late answer of another step arrives, then nothing changes', (phase, message) => {
    const state = inPhase(phase);

    expect(when(state, message)).toEqual({ state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });
  });

  it.each(FORWARD)('given %s, when CountryDeactivated is delivered again or its own reactivation is seen, then nothing changes', (phase) => {
    const state = inPhase(phase);

    expect(when(state, deactivated).state).toBe(state);
    expect(when(state, { type: 'CountryActivated', code: 'RU', position: '120', byThisProcess: true }).state).toBe(state);
  });
});

describe('country deactivation: the deadline and failures start compensation', () => {
  it.each(FORWARD)('given %s, when the deadline passes, then the country is reactivated by command under a deadline of its own', (phase) => {
    const state = inPhase(phase);

    const decision = when(state, deadline('complete-by'));

    const step = state.steps[state.steps.length - 1].step;
    const failure = `not done within ${DEADLINE_MS} ms (in step ${step})`;
    expect(decision.state).toMatchObject({ phase: 'reactivating', failure });
    expect(decision.state.steps.slice(-2)).toEqual([
      { step, startedAt: state.steps[state.steps.length - 1].startedAt, endedAt: iso(60), error: failure },
      { step: 'reactivate-country', startedAt: iso(60), endedAt: null, error: null },
    ]);
    expect(decision.commands).toEqual([{ name: 'reactivate-country', payload: { code: 'RU' } }]);
    expect(decision.deadlines).toEqual([{ name: 'compensate-by', dueAt: new Date(T0 + 60_000 + DEADLINE_MS) }]);
    expect(decision.cancelDeadlines).toEqual(['complete-by']);
    expect(decision.lastError).toBe(failure);
    expect(deactivationStatus(decision.state)).toBe('compensating');
  });

  it.each(FORWARD)('given %s, when its command fails for good, then compensation starts with that failure', (phase) => {
    const decision = when(inPhase(phase), refused(AWAITED[phase], 'ES down'));

    expect(decision.state).toMatchObject({ phase: 'reactivating', failure: expect.stringMatching(/failed: ES down$/) });
    expect(decision.commands).toEqual([{ name: 'reactivate-country', payload: { code: 'RU' } }]);
  });

  it.each(FORWARD)('given %s, when an operator aborts it, then compensation starts naming who, where and why', (phase) => {
    const state = inPhase(phase);

    const decision = when(state, { type: 'AbortRequested', by: 'alice', reason: 'wrong country' });

    const step = state.steps[state.steps.length - 1].step;
    expect(decision.state).toMatchObject({ phase: 'reactivating', failure: `aborted by alice (in step ${step}): wrong country` });
    expect(decision.commands).toEqual([{ name: 'reactivate-country', payload: { code: 'RU' } }]);
    expect(decision.cancelDeadlines).toEqual(['complete-by']);
  });

  it.each([...COMPENSATING, 'cancelling', 'notifying-cancellation', ...ENDED] as const)('given %s, when an operator aborts it, then nothing changes (it is undone or ended already)', (phase) => {
    const state = inPhase(phase);

    expect(when(state, { type: 'AbortRequested', by: 'alice', reason: 'again' })).toEqual({ state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });
  });

  it.each(FORWARD)('given %s, when the compensation deadline is reached (a stale timer), then nothing changes', (phase) => {
    const state = inPhase(phase);

    expect(when(state, deadline('compensate-by')).state).toBe(state);
  });

  it('given reactivating, when the reactivation is written, then the facts are restored', () => {
    const decision = when(inPhase('reactivating'), ok('reactivate-country', { position: '120' }));

    expect(decision.state).toMatchObject({ phase: 'restoring', reactivatedAt: '120' });
    expect(decision.commands).toEqual([{ name: 'restore-country-facts', payload: { code: 'RU' } }]);
  });

  it('given reactivating, when the write answers no position (already active), then the deactivation position is the bar', () => {
    expect(when(inPhase('reactivating'), ok('reactivate-country')).state).toMatchObject({ phase: 'restoring', reactivatedAt: DEACTIVATED_AT });
  });

  it('given reactivating, when an operator reactivates first, then that reactivation counts as the step', () => {
    expect(when(inPhase('reactivating'), activatedByOperator('125')).state).toMatchObject({ phase: 'restoring', reactivatedAt: '125' });
  });

  it('given restoring, when the facts are back, then it waits for the dashboards past the reactivation', () => {
    const decision = when(inPhase('restoring'), ok('restore-country-facts'));

    expect(decision.state.phase).toBe('recalculating-back');
    expect(decision.commands).toEqual([{ name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: '120' } }]);
  });

  it('given recalculating back, when the dashboards passed only the deactivation, then it keeps waiting', () => {
    const state = inPhase('recalculating-back');

    expect(when(state, recalculated('110')).state).toBe(state);
  });

  it('given recalculating back, when the dashboards include the country again, then administrators are told what failed', () => {
    const decision = when(inPhase('recalculating-back'), recalculated('120'));

    expect(decision.state.phase).toBe('notifying-failure');
    expect(decision.commands).toEqual([
      {
        name: 'notify-administrators',
        payload: { code: 'RU', outcome: 'deactivation-undone', reason: 'sanctions', failure: `not done within ${DEADLINE_MS} ms (in step archive-facts)` },
      },
    ]);
  });

  it('given notifying the failure, when the notice is sent, then the process is compensated and its deadline gone', () => {
    const decision = when(inPhase('notifying-failure'), ok('notify-administrators'));

    expect(decision.state).toMatchObject({ phase: 'compensated', endedAt: iso(60), failure: `not done within ${DEADLINE_MS} ms (in step archive-facts)` });
    expect(decision.cancelDeadlines).toEqual(['compensate-by']);
    expect(deactivationStatus(decision.state)).toBe('compensated');
  });

  it.each(COMPENSATING)('given %s, when the compensation deadline passes, then the process fails for an operator', (phase) => {
    const decision = when(inPhase(phase), deadline('compensate-by'));

    expect(decision.state).toMatchObject({ phase: 'failed', endedAt: iso(60) });
    expect(decision.lastError).toMatch(/undoing it did not finish within 600000 ms/);
    expect(decision.cancelDeadlines).toEqual(['complete-by', 'compensate-by']);
    expect(deactivationStatus(decision.state)).toBe('failed');
    expect(decision.commands).toEqual([
      { name: 'notify-administrators', payload: { code: 'RU', outcome: 'deactivation-failed', reason: 'sanctions', failure: decision.lastError } },
    ]);
  });

  it.each(COMPENSATING)('given %s, when its command fails for good, then the process fails naming both failures', (phase) => {
    const decision = when(inPhase(phase), refused(AWAITED[phase], 'refused'));

    expect(decision.state.phase).toBe('failed');
    expect(decision.lastError).toMatch(/^not done within .*; undoing it failed: .*: refused$/);
    expect(decision.commands.map(({ name, payload }) => [name, 'outcome' in payload ? payload.outcome : null])).toEqual([['notify-administrators', 'deactivation-failed']]);
  });

  it.each(COMPENSATING)('given %s, when the first deadline fires late, then nothing changes', (phase) => {
    const state = inPhase(phase);

    expect(when(state, deadline('complete-by')).state).toBe(state);
  });
});

describe('country deactivation: an operator reactivation cancels it', () => {
  it.each(FORWARD)('given %s, when an operator reactivates the country, then the archive is undone and the deadline cancelled', (phase) => {
    const decision = when(inPhase(phase), activatedByOperator('130'));

    expect(decision.state).toMatchObject({ phase: 'cancelling', reactivatedAt: '130' });
    expect(decision.commands).toEqual([{ name: 'restore-country-facts', payload: { code: 'RU' } }]);
    expect(decision.cancelDeadlines).toEqual(['complete-by']);
    expect(deactivationStatus(decision.state)).toBe('compensating');
  });

  it('given cancelling, when the facts are back, then administrators are told of the cancellation', () => {
    const decision = when(inPhase('cancelling'), ok('restore-country-facts'));

    expect(decision.state.phase).toBe('notifying-cancellation');
    expect(decision.commands).toEqual([
      { name: 'notify-administrators', payload: { code: 'RU', outcome: 'deactivation-cancelled', reason: 'sanctions', failure: null } },
    ]);
  });

  it('given notifying the cancellation, when the notice is sent, then the process is cancelled', () => {
    const decision = when(inPhase('notifying-cancellation'), ok('notify-administrators'));

    expect(decision.state).toMatchObject({ phase: 'cancelled', endedAt: iso(60) });
    expect(deactivationStatus(decision.state)).toBe('cancelled');
  });

  it.each(['cancelling', 'notifying-cancellation'] as const)('given %s, when its command fails for good, then the process fails', (phase) => {
    expect(when(inPhase(phase), refused(AWAITED[phase])).state.phase).toBe('failed');
  });
});

describe('country deactivation: an ended process', () => {
  const anything: DeactivationMessage[] = [
    deactivated,
    activatedByOperator(),
    ok('archive-country-facts'),
    refused('notify-administrators'),
    recalculated('999'),
    acked('a'),
    deadline('complete-by'),
    deadline('compensate-by'),
  ];

  it.each(ENDED)('given %s, when anything arrives, then nothing changes and nothing is issued', (phase) => {
    const state = inPhase(phase);
    expect(state.phase).toBe(phase);

    for (const message of anything) {
      expect(when(state, message)).toEqual({ state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });
    }
  });
});

describe('country deactivation: every phase', () => {
  it.each(Object.keys(ROADS) as DeactivationPhase[])('%s is reached by its road and counted under a status', (phase) => {
    const state = inPhase(phase);

    expect(state.phase).toBe(phase);
    expect(['running', 'compensating', 'completed', 'compensated', 'cancelled', 'failed']).toContain(deactivationStatus(state));
  });
});

describe('country deactivation: an operator retries the step its undoing failed in', () => {
  const UNDOING = [...COMPENSATING, 'cancelling', 'notifying-cancellation'] as const;
  const retry = (command: DeactivationCommandName): DeactivationMessage => ({ type: 'RetryRequested', command, by: 'operator' });
  /** Given: the process reached `phase`, then the command that phase awaited failed for good. */
  const failedIn = (phase: (typeof UNDOING)[number]) => given(...ROADS[phase], refused(AWAITED[phase], 'refused'));

  it.each(COMPENSATING)('given it failed in %s, when the operator retries its command, then the step starts again under a new compensation deadline', (phase) => {
    const before = inPhase(phase);
    const failed = failedIn(phase);

    const decision = when(failed, retry(AWAITED[phase]));

    const failedStep = failed.steps[failed.steps.length - 1];
    expect(decision).toEqual({
      state: { ...before, steps: [...failed.steps, { step: failedStep?.step, startedAt: iso(60), endedAt: null, error: null }] },
      commands: [],
      deadlines: [{ name: 'compensate-by', dueAt: new Date(T0 + 60_000 + DEADLINE_MS) }],
      cancelDeadlines: [],
      lastError: null,
    });
    expect(failedStep).toMatchObject({ endedAt: expect.any(String), error: expect.stringMatching(/undoing it failed: .*: refused$/) });
    expect(deactivationStatus(decision.state)).toBe('compensating');
  });

  it.each(['cancelling', 'notifying-cancellation'] as const)('given it failed in %s, when the operator retries its command, then the cancellation goes on without a deadline', (phase) => {
    const decision = when(failedIn(phase), retry(AWAITED[phase]));

    expect(decision.state).toMatchObject({ ...inPhase(phase), steps: expect.any(Array) });
    expect(decision.deadlines).toEqual([]);
    expect(deactivationStatus(decision.state)).toBe('compensating');
  });

  it('given it failed restoring the facts and was retried, when the facts are back, then it waits for the dashboards past the reactivation it had', () => {
    const resumed = when(failedIn('restoring'), retry('restore-country-facts')).state;

    const decision = when(resumed, ok('restore-country-facts'), 61);

    expect(decision.state).toMatchObject({ phase: 'recalculating-back', reactivatedAt: '120' });
    expect(decision.commands).toEqual([{ name: 'recalculate-dashboards', payload: { code: 'RU', atLeastPosition: '120' } }]);
  });

  it('given it was retried, when the command fails again, then it fails again naming the first failure once', () => {
    const resumed = when(failedIn('reactivating'), retry('reactivate-country')).state;

    const decision = when(resumed, refused('reactivate-country', 'again'), 61);

    expect(decision.state.phase).toBe('failed');
    expect(decision.lastError).toBe(`not done within ${DEADLINE_MS} ms (in step archive-facts); undoing it failed: reactivate-country: again`);
  });

  it.each(UNDOING)('given it failed in %s, when the operator retries another command, then nothing changes (the retry is refused)', (phase) => {
    const failed = failedIn(phase);
    const other = AWAITED[phase] === 'archive-country-facts' ? 'notify-administrators' : 'archive-country-facts';

    expect(when(failed, retry(other))).toEqual({ state: failed, commands: [], deadlines: [], cancelDeadlines: [], lastError: null });
  });

  it('given a process that failed before retries were recorded, when the operator retries, then nothing changes', () => {
    const { failedIn: _dropped, ...failed } = failedIn('restoring') as Extract<DeactivationState, { phase: 'failed' }>;

    expect(when(failed, retry('restore-country-facts')).state).toBe(failed);
  });

  it.each(Object.keys(ROADS).filter((phase) => phase !== 'failed') as DeactivationPhase[])('given %s, when an operator retries any command, then nothing changes', (phase) => {
    const state = inPhase(phase);

    for (const command of Object.values(AWAITED)) expect(when(state, retry(command)).state).toBe(state);
  });
});
