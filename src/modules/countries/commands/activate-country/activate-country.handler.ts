import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { CountryRepository } from '../../infrastructure/country.repository';
import { ActivateCountryCommand } from './activate-country.command';

@CommandHandler(ActivateCountryCommand)
export class ActivateCountryHandler implements ICommandHandler<ActivateCountryCommand> {
  constructor(
    private readonly countries: CountryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ActivateCountryCommand): Promise<WriteResult> {
    const code = CountryCode.of(input.code, 'code');
    const expectedVersion = input.expectedVersion ?? undefined;
    return this.countries.update(code, expectedVersion, (country) => country.activate(expectedVersion), metadata, this.clock);
  }
}
