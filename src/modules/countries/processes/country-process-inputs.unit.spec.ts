import type { ProcessEvent } from '../../../platform/process-manager/process.types';
import { toDeactivationMessage, toReactivationMessage } from './country-process-inputs';

const PROCESS_ID = 'country-deactivation:e-1';

const event = (overrides: Partial<ProcessEvent>): ProcessEvent => ({
  kind: 'event',
  messageId: 'e-2',
  type: 'CountryActivated',
  streamId: 'country:RU',
  position: '120',
  correlationId: 'c-1',
  causationId: null,
  data: { code: 'RU' },
  ...overrides,
});

describe('deactivation inputs: what the process manager delivers, as the process reads it', () => {
  it('given CountryDeactivated, when translated, then it carries the code, the reason and the log position', () => {
    expect(toDeactivationMessage(event({ type: 'CountryDeactivated', data: { code: 'RU', reason: 'sanctions' } }), PROCESS_ID)).toEqual({
      type: 'CountryDeactivated',
      code: 'RU',
      reason: 'sanctions',
      position: '120',
    });
  });

  it.each([
    ['an operator (no causation)', null, false],
    ['another command', 'cmd-7', false],
    ['this process', PROCESS_ID, true],
  ])('given CountryActivated caused by %s, when translated, then byThisProcess is %s', (_who, causationId, byThisProcess) => {
    expect(toDeactivationMessage(event({ causationId }), PROCESS_ID)).toEqual({ type: 'CountryActivated', code: 'RU', position: '120', byThisProcess });
  });

  it('given a command answer, when translated, then only the instances and a decimal position are kept', () => {
    const answer = { kind: 'command-succeeded' as const, name: 'refresh-country-caches', seq: 2, result: { instances: ['a', 7, 'b'], position: 'x', other: 1 } };

    expect(toDeactivationMessage(answer, PROCESS_ID)).toEqual({ type: 'CommandSucceeded', command: 'refresh-country-caches', result: { instances: ['a', 'b'] } });
  });

  it('given an operator\'s retry of a known command, when translated, then it names the command and who asked; an unknown command is not the process\'s', () => {
    const retry = (name: string) => toDeactivationMessage({ kind: 'retry-requested', name, seq: 3, by: 'cli:ops@host' }, PROCESS_ID);

    expect(retry('restore-country-facts')).toEqual({ type: 'RetryRequested', command: 'restore-country-facts', by: 'cli:ops@host' });
    expect(retry('deactivate-country')).toBeNull();
  });

  it('given a failed command, when translated, then it names the command and the error', () => {
    expect(toDeactivationMessage({ kind: 'command-failed', name: 'archive-country-facts', seq: 1, error: 'boom' }, PROCESS_ID)).toEqual({
      type: 'CommandFailed',
      command: 'archive-country-facts',
      error: 'boom',
    });
  });

  it.each([
    [{ kind: 'signal' as const, type: 'InstanceCachesRefreshed', data: { instanceId: 'host:1' } }, { type: 'InstanceCachesRefreshed', instanceId: 'host:1' }],
    [{ kind: 'signal' as const, type: 'InstanceLeft', data: { instanceId: 'host:2' } }, { type: 'InstanceLeft', instanceId: 'host:2' }],
    [{ kind: 'signal' as const, type: 'DashboardsRecalculated', data: { code: 'RU', position: '130' } }, { type: 'DashboardsRecalculated', code: 'RU', position: '130' }],
    [{ kind: 'deadline' as const, name: 'complete-by', dueAt: '2026-12-08T09:10:00.000Z' }, { type: 'DeadlineReached', deadline: 'complete-by' }],
    [{ kind: 'signal' as const, type: 'AbortRequested', data: { by: 'alice', reason: 'wrong country' } }, { type: 'AbortRequested', by: 'alice', reason: 'wrong country' }],
  ])('given %j, when translated, then it is %j', (input, expected) => {
    expect(toDeactivationMessage(input, PROCESS_ID)).toEqual(expected);
  });

  it.each([
    ['an unknown command', { kind: 'command-succeeded' as const, name: 'launch', seq: 1, result: null }],
    ['an unknown deadline', { kind: 'deadline' as const, name: 'later', dueAt: '2026-12-08T09:10:00.000Z' }],
    ['a signal without its fields', { kind: 'signal' as const, type: 'DashboardsRecalculated', data: { code: 'RU', position: 'soon' } }],
    ['an unknown signal', { kind: 'signal' as const, type: 'Hello', data: {} }],
    ['an event without a code', event({ data: {} })],
  ])('given %s, when translated, then the process ignores it', (_what, input) => {
    expect(toDeactivationMessage(input, PROCESS_ID)).toBeNull();
  });
});

describe('reactivation inputs', () => {
  const REACTIVATION_ID = 'country-reactivation:e-9';

  it.each([
    ['an operator', null, false],
    ['this process (its compensation)', REACTIVATION_ID, true],
  ])('given CountryDeactivated caused by %s, when translated, then byThisProcess is %s', (_who, causationId, byThisProcess) => {
    const deactivated = event({ type: 'CountryDeactivated', causationId, data: { code: 'RU', reason: 'reactivation undone' } });

    expect(toReactivationMessage(deactivated, REACTIVATION_ID)).toEqual({ type: 'CountryDeactivated', code: 'RU', position: '120', byThisProcess });
  });

  it('given CountryActivated, when translated, then it carries the code and position that start the reverse process', () => {
    expect(toReactivationMessage(event({}), REACTIVATION_ID)).toEqual({ type: 'CountryActivated', code: 'RU', position: '120' });
  });

  it('given an answer to deactivate-country, when translated, then the reactivation knows it and the deactivation does not', () => {
    const answer = { kind: 'command-succeeded' as const, name: 'deactivate-country', seq: 5, result: { position: '130' } };

    expect(toReactivationMessage(answer, REACTIVATION_ID)).toEqual({ type: 'CommandSucceeded', command: 'deactivate-country', result: { position: '130' } });
    expect(toDeactivationMessage(answer, PROCESS_ID)).toBeNull();
  });
});
