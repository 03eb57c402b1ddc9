import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import { CountryRepository } from '../../infrastructure/country.repository';
import { countriesToRegister } from './decide-registrations';
import { RegisterCountriesCommand, type RegisterCountriesResult } from './register-countries.command';

@CommandHandler(RegisterCountriesCommand)
export class RegisterCountriesHandler implements ICommandHandler<RegisterCountriesCommand> {
  constructor(
    private readonly countries: CountryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ countries, metadata }: RegisterCountriesCommand): Promise<RegisterCountriesResult> {
    const registered = await this.countries.loadMany(countries.map(({ code }) => CountryCode.of(code, 'code')));
    const decided = countriesToRegister(countries, new Set(registered.keys()));
    // All or nothing: a code another writer registered meanwhile fails the insert of the whole batch.
    return this.countries.saveMany(decided, metadata, this.clock.now());
  }
}
