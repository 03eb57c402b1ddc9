import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import type { Country } from '../../domain/country';
import { CountryRepository } from '../../infrastructure/country.repository';
import { DeactivateCountryCommand } from './deactivate-country.command';

@CommandHandler(DeactivateCountryCommand)
export class DeactivateCountryHandler implements ICommandHandler<DeactivateCountryCommand> {
  constructor(
    private readonly countries: CountryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: DeactivateCountryCommand): Promise<WriteResult> {
    const code = CountryCode.of(input.code, 'code');
    const expectedVersion = input.expectedVersion ?? undefined;
    const deactivate = (country: Country) => country.deactivate(input.reason, expectedVersion);
    return this.countries.update(code, expectedVersion, deactivate, metadata, this.clock.now());
  }
}
