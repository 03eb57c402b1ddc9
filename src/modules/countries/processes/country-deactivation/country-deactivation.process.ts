import { Inject, Injectable } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { DomainError } from '../../../../kernel/domain-error';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import { ProcessDefinitionProvider } from '../../../../platform/process-manager/process-definitions';
import type { DecideContext, ProcessCommand, ProcessDecision, ProcessDefinition, ProcessEvent, ProcessInput, ProcessRoute, ProcessStatus, ProcessStepView } from '../../../../platform/process-manager/process.types';
import { ActivateCountryCommand } from '../../commands/activate-country/activate-country.command';
import { COUNTRY_MESSAGE_TYPES } from '../../countries.contract';
import { decideDeactivation, deactivationStatus, startDeactivation } from '../../domain/deactivation/decide-deactivation';
import type { DeactivationState } from '../../domain/deactivation/deactivation.state';
import { toDeactivationMessage } from '../country-process-inputs';
import { portCommand } from './country-deactivation.ports';

export const COUNTRY_DEACTIVATION = 'country-deactivation';
/** Named here rather than imported, so the two definitions do not import each other. */
const COUNTRY_REACTIVATION_TYPE = 'country-reactivation';

/**
 * The country-deactivation process as the process manager runs it: one live process per country
 * (key `country:<code>`), started by CountryDeactivated. The decisions are the domain's
 * (decide-deactivation.ts); this class only translates the manager's inputs and the domain's commands.
 */
@Injectable()
@ProcessDefinitionProvider()
export class CountryDeactivationProcess implements ProcessDefinition<DeactivationState> {
  readonly type = COUNTRY_DEACTIVATION;
  /**
   * With COUNTRY_DEACTIVATION_PROCESS off it listens to nothing, so none starts; one already
   * running still takes its deadlines and its commands' answers, and ends.
   */
  readonly eventTypes: readonly string[];

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'COUNTRY_DEACTIVATION_DEADLINE_MS' | 'COUNTRY_DEACTIVATION_PROCESS'>) {
    this.eventTypes = config.COUNTRY_DEACTIVATION_PROCESS ? [COUNTRY_MESSAGE_TYPES.deactivated, COUNTRY_MESSAGE_TYPES.activated] : [];
  }

  /** A deactivation that cancels a running reactivation, or is its compensation, starts nothing: that one finishes. */
  route(event: ProcessEvent): ProcessRoute | null {
    const code = event.data.code;
    if (typeof code !== 'string') return null;
    return {
      key: countryKey(code),
      starts: event.type === COUNTRY_MESSAGE_TYPES.deactivated,
      startsAfter: { type: COUNTRY_REACTIVATION_TYPE, statusIn: ['none', 'completed', 'compensated', 'cancelled', 'failed'] },
    };
  }

  decide(state: DeactivationState | null, input: ProcessInput, { now, processId }: DecideContext): ProcessDecision<DeactivationState> {
    const message = toDeactivationMessage(input, processId);
    const context = { now, deadlineMs: this.config.COUNTRY_DEACTIVATION_DEADLINE_MS };
    if (state === null) {
      if (message?.type !== 'CountryDeactivated') throw new Error(`a country deactivation starts with CountryDeactivated, not ${describe(input)}`);
      return startDeactivation(message, context);
    }
    if (message === null) return { state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null };
    return decideDeactivation(state, message, context);
  }

  statusOf(state: DeactivationState): ProcessStatus {
    return deactivationStatus(state);
  }

  stepsOf(state: DeactivationState): readonly ProcessStepView[] {
    return state.steps.map(({ step, startedAt, endedAt, error }) => ({ name: step, startedAt, endedAt, error }));
  }

  toBusCommand({ name, payload }: ProcessCommand, metadata: EventMetadata): ICommand {
    const fields = payload as Readonly<Record<string, unknown>>;
    if (name === 'reactivate-country') return new ActivateCountryCommand({ code: String(fields.code) }, metadata);
    const command = portCommand(name, fields, metadata);
    if (!command) throw new Error(`country deactivation issued an unknown command ${name}`);
    return command;
  }


  /** A refusal (domain error) will not change on a retry; anything else (an outage) may. */
  isPermanent(error: unknown): boolean {
    return error instanceof DomainError;
  }
}

export function countryKey(code: string): string {
  return `country:${code}`;
}

function describe(input: ProcessInput): string {
  return input.kind === 'event' || input.kind === 'signal' ? input.type : input.kind;
}
