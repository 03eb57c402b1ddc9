import { CountryCode } from '../../../../kernel/country-code';
import { Country } from '../../domain/country';
import type { DecidedCountry } from '../../infrastructure/country.repository';
import type { RegisterCountryInput } from '../register-country/register-country.command';

/** Registrations for the countries whose codes are not registered yet, each a new stream. */
export function countriesToRegister(
  countries: readonly RegisterCountryInput[],
  registered: ReadonlySet<string>,
): DecidedCountry[] {
  return countries
    .filter(({ code }) => !registered.has(code))
    .map(({ code, nameEn, nameKo, region = null }) => ({
      country: Country.register({ code: CountryCode.of(code, 'code'), nameEn, nameKo, region }),
      expectedVersion: 0,
    }));
}
