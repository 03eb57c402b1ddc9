import type { ProcessInput } from '../../../platform/process-manager/process.types';
import { COUNTRY_MESSAGE_TYPES } from '../countries.contract';
import type { CommandResult, DeactivationCommandName, DeactivationMessage } from '../domain/deactivation/deactivation.messages';
import type { ReactivationCommandName, ReactivationMessage } from '../domain/reactivation/reactivation.messages';

const COMMANDS: readonly DeactivationCommandName[] = [
  'archive-country-facts',
  'refresh-country-caches',
  'recalculate-dashboards',
  'notify-administrators',
  'reactivate-country',
  'restore-country-facts',
];

const REACTIVATION_COMMANDS: readonly ReactivationCommandName[] = [
  'restore-country-facts',
  'refresh-country-caches',
  'recalculate-dashboards',
  'notify-administrators',
  'deactivate-country',
  'archive-country-facts',
];

/**
 * What the process manager delivers, as the deactivation's own message; null for what it does not
 * concern. An activation caused by this process (its compensation) is told apart from an operator's
 * by the event's causation id, which the manager sets to the process id on every command it sends.
 */
export function toDeactivationMessage(input: ProcessInput, processId: string): DeactivationMessage | null {
  switch (input.kind) {
    case 'event': {
      const code = text(input.data.code);
      if (code === null) return null;
      if (input.type === COUNTRY_MESSAGE_TYPES.deactivated) return { type: 'CountryDeactivated', code, reason: text(input.data.reason) ?? '', position: input.position };
      if (input.type === COUNTRY_MESSAGE_TYPES.activated) return { type: 'CountryActivated', code, position: input.position, byThisProcess: input.causationId === processId };
      return null;
    }
    default:
      return commonInput(input, COMMANDS);
  }
}

/** The same for the reverse process: its own deactivation (compensation) told apart from an operator's. */
export function toReactivationMessage(input: ProcessInput, processId: string): ReactivationMessage | null {
  if (input.kind !== 'event') return commonInput(input, REACTIVATION_COMMANDS);
  const code = text(input.data.code);
  if (code === null) return null;
  if (input.type === COUNTRY_MESSAGE_TYPES.activated) return { type: 'CountryActivated', code, position: input.position };
  if (input.type === COUNTRY_MESSAGE_TYPES.deactivated) return { type: 'CountryDeactivated', code, position: input.position, byThisProcess: input.causationId === processId };
  return null;
}

type CommonMessage<C extends string> =
  | { readonly type: 'DeadlineReached'; readonly deadline: 'complete-by' | 'compensate-by' }
  | { readonly type: 'CommandSucceeded'; readonly command: C; readonly result: CommandResult }
  | { readonly type: 'CommandFailed'; readonly command: C; readonly error: string }
  | { readonly type: 'RetryRequested'; readonly command: C; readonly by: string }
  | Extract<DeactivationMessage, { type: 'InstanceCachesRefreshed' | 'InstanceLeft' | 'DashboardsRecalculated' | 'AbortRequested' }>;

/** Deadlines, commands' answers, operators' retries and signals read the same in both processes. */
function commonInput<C extends string>(input: ProcessInput, commands: readonly C[]): CommonMessage<C> | null {
  const known = (name: string): name is C => (commands as readonly string[]).includes(name);
  switch (input.kind) {
    case 'deadline':
      return input.name === 'complete-by' || input.name === 'compensate-by' ? { type: 'DeadlineReached', deadline: input.name } : null;
    case 'command-succeeded':
      return known(input.name) ? { type: 'CommandSucceeded', command: input.name, result: commandResult(input.result) } : null;
    case 'command-failed':
      return known(input.name) ? { type: 'CommandFailed', command: input.name, error: input.error } : null;
    case 'retry-requested':
      return known(input.name) ? { type: 'RetryRequested', command: input.name, by: input.by } : null;
    case 'signal':
      return signal(input.type, input.data);
    default:
      return null;
  }
}

function signal(type: string, data: Readonly<Record<string, unknown>>): CommonMessage<never> | null {
  const instanceId = text(data.instanceId);
  if ((type === 'InstanceCachesRefreshed' || type === 'InstanceLeft') && instanceId !== null) return { type, instanceId };
  const code = text(data.code);
  const position = text(data.position);
  if (type === 'DashboardsRecalculated' && code !== null && position !== null && /^\d+$/.test(position)) return { type, code, position };
  const by = text(data.by);
  if (type === 'AbortRequested' && by !== null) return { type, by, reason: text(data.reason) ?? '' };
  return null;
}

/** A refresh answers its instances; an ActivateCountry write its log position. */
function commandResult(result: unknown): CommandResult {
  if (typeof result !== 'object' || result === null) return {};
  const { instances, position } = result as { instances?: unknown; position?: unknown };
  return {
    ...(Array.isArray(instances) ? { instances: instances.filter((instance): instance is string => typeof instance === 'string') } : {}),
    ...(typeof position === 'string' && /^\d+$/.test(position) ? { position } : {}),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
