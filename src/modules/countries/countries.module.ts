import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { ActivateCountryHandler } from './commands/activate-country/activate-country.handler';
import { ActivateCountryResolver } from './commands/activate-country/activate-country.resolver';
import { DeactivateCountryHandler } from './commands/deactivate-country/deactivate-country.handler';
import { DeactivateCountryResolver } from './commands/deactivate-country/deactivate-country.resolver';
import { RegisterCountriesHandler } from './commands/register-countries/register-countries.handler';
import { RegisterCountryHandler } from './commands/register-country/register-country.handler';
import { RegisterCountryResolver } from './commands/register-country/register-country.resolver';
import { RefreshCountryCachesHandler } from './commands/refresh-country-caches/refresh-country-caches.handler';
import { CountryRepository } from './infrastructure/country.repository';
import { CountrySchema } from './infrastructure/country.entity';
import { CountryDeactivationProcess } from './processes/country-deactivation/country-deactivation.process';
import { CountryReactivationProcess } from './processes/country-reactivation/country-reactivation.process';

@Module({
  imports: [MikroOrmModule.forFeature([CountrySchema])],
  providers: [
    CountryRepository,
    RegisterCountryHandler,
    RegisterCountryResolver,
    RegisterCountriesHandler,
    ActivateCountryHandler,
    ActivateCountryResolver,
    DeactivateCountryHandler,
    DeactivateCountryResolver,
    CountryDeactivationProcess,
    CountryReactivationProcess,
    RefreshCountryCachesHandler,
  ],
})
export class CountriesModule {}
