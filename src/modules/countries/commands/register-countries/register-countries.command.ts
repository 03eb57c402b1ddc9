import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import type { RegisterCountryInput } from '../register-country/register-country.command';

export interface RegisterCountriesResult {
  /** How many were registered by this command; those already registered are not counted. */
  readonly saved: number;
  /** The last log position written, or null when every country was registered already. */
  readonly position: string | null;
}

/**
 * Registers those of the given countries that are not registered yet, in one transaction, and
 * leaves the others as they are, so sending it twice writes nothing the second time. When a
 * concurrent writer registers one of them first, the whole command fails with the store's
 * conflict and writes nothing: send it again, it skips what the other wrote.
 */
export class RegisterCountriesCommand extends Command<RegisterCountriesResult> {
  constructor(
    readonly countries: readonly RegisterCountryInput[],
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
