import { Inject, Injectable } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { DomainError } from '../../../../kernel/domain-error';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import { ProcessDefinitionProvider } from '../../../../platform/process-manager/process-definitions';
import type {
  DecideContext,
  ProcessCommand,
  ProcessDecision,
  ProcessDefinition,
  ProcessEvent,
  ProcessInput,
  ProcessRoute,
  ProcessStatus,
  ProcessStepView,
} from '../../../../platform/process-manager/process.types';
import { DeactivateCountryCommand } from '../../commands/deactivate-country/deactivate-country.command';
import { COUNTRY_MESSAGE_TYPES } from '../../countries.contract';
import { decideReactivation, reactivationStatus, startReactivation } from '../../domain/reactivation/decide-reactivation';
import type { ReactivationState } from '../../domain/reactivation/reactivation.state';
import { toReactivationMessage } from '../country-process-inputs';
import { portCommand } from '../country-deactivation/country-deactivation.ports';
import { COUNTRY_DEACTIVATION, countryKey } from '../country-deactivation/country-deactivation.process';

export const COUNTRY_REACTIVATION = 'country-reactivation';

/**
 * The reverse of a completed deactivation: started by CountryActivated only when the country's
 * latest deactivation process completed (an activation that cancels a running deactivation, or is
 * its compensation, leaves that one to finish). Same guarantees, same ports, same settings.
 */
@Injectable()
@ProcessDefinitionProvider()
export class CountryReactivationProcess implements ProcessDefinition<ReactivationState> {
  readonly type = COUNTRY_REACTIVATION;
  readonly eventTypes: readonly string[];

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'COUNTRY_DEACTIVATION_DEADLINE_MS' | 'COUNTRY_DEACTIVATION_PROCESS'>) {
    this.eventTypes = config.COUNTRY_DEACTIVATION_PROCESS ? [COUNTRY_MESSAGE_TYPES.activated, COUNTRY_MESSAGE_TYPES.deactivated] : [];
  }

  route(event: ProcessEvent): ProcessRoute | null {
    const code = event.data.code;
    if (typeof code !== 'string') return null;
    return {
      key: countryKey(code),
      starts: event.type === COUNTRY_MESSAGE_TYPES.activated,
      startsAfter: { type: COUNTRY_DEACTIVATION, statusIn: ['completed'] },
    };
  }

  decide(state: ReactivationState | null, input: ProcessInput, { now, processId }: DecideContext): ProcessDecision<ReactivationState> {
    const message = toReactivationMessage(input, processId);
    const context = { now, deadlineMs: this.config.COUNTRY_DEACTIVATION_DEADLINE_MS };
    if (state === null) {
      if (message?.type !== 'CountryActivated') throw new Error('a country reactivation starts with CountryActivated');
      return startReactivation(message, context);
    }
    if (message === null) return { state, commands: [], deadlines: [], cancelDeadlines: [], lastError: null };
    return decideReactivation(state, message, context);
  }

  statusOf(state: ReactivationState): ProcessStatus {
    return reactivationStatus(state);
  }

  stepsOf(state: ReactivationState): readonly ProcessStepView[] {
    return state.steps.map(({ step, startedAt, endedAt, error }) => ({ name: step, startedAt, endedAt, error }));
  }

  toBusCommand({ name, payload }: ProcessCommand, metadata: EventMetadata): ICommand {
    const fields = payload as Readonly<Record<string, unknown>>;
    if (name === 'deactivate-country') return new DeactivateCountryCommand({ code: String(fields.code), reason: String(fields.reason) }, metadata);
    const command = portCommand(name, fields, metadata);
    if (!command) throw new Error(`country reactivation issued an unknown command ${name}`);
    return command;
  }


  isPermanent(error: unknown): boolean {
    return error instanceof DomainError;
  }
}
