import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
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
    return this.countries.update(code, expectedVersion, (country) => country.deactivate(input.reason, expectedVersion), metadata, this.clock);
  }
}
