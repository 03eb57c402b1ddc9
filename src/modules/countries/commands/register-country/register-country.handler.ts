import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { Country } from '../../domain/country';
import { CountryRepository } from '../../infrastructure/country.repository';
import { RegisterCountryCommand } from './register-country.command';

@CommandHandler(RegisterCountryCommand)
export class RegisterCountryHandler implements ICommandHandler<RegisterCountryCommand> {
  constructor(
    private readonly countries: CountryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RegisterCountryCommand): Promise<WriteResult> {
    const { nameEn, nameKo, region = null } = input;
    const country = Country.register({ code: CountryCode.of(input.code, 'code'), nameEn, nameKo, region });
    // Decided on an empty stream: the insert proves it empty, or the code is already registered.
    return this.countries.save({ country, expectedVersion: 0 }, metadata, this.clock.now());
  }
}
