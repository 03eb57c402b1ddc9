/** The countries context's public face: what other contexts may import. Everything else is private. */
export * from './countries.contract';
export { decodeCountryMessage } from './countries.decoder';
export { RegisterCountryCommand, type RegisterCountryInput } from './commands/register-country/register-country.command';
export { RegisterCountriesCommand, type RegisterCountriesResult } from './commands/register-countries/register-countries.command';
export { ActivateCountryCommand } from './commands/activate-country/activate-country.command';
export { DeactivateCountryCommand } from './commands/deactivate-country/deactivate-country.command';
export { COUNTRY_DEACTIVATION, countryKey } from './processes/country-deactivation/country-deactivation.process';
export { COUNTRY_REACTIVATION } from './processes/country-reactivation/country-reactivation.process';
export {
  ArchiveCountryFactsCommand,
  NotifyAdministratorsCommand,
  RecalculateCountryDashboardsCommand,
  RefreshCountryCachesCommand,
  RestoreCountryFactsCommand,
} from './processes/country-deactivation/country-deactivation.ports';
export type { AdministratorNotice } from './domain/deactivation/deactivation.messages';
