import { DomainEvent } from '../../../kernel/domain-event';

// Persisted and sent on the wire: never change a type string; a new data shape needs a new
// schemaVersion. Every event carries the country code, which is its routing key.

export const COUNTRY_REGISTERED = 'CountryRegistered';
export const COUNTRY_ACTIVATED = 'CountryActivated';
export const COUNTRY_DEACTIVATED = 'CountryDeactivated';

/** A UN M49 region, as the reference data names it. */
export interface CountryRegionData {
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
}

/** Everything about the country, so a projector can build its document from this event alone. */
export type CountryRegistered = DomainEvent<
  typeof COUNTRY_REGISTERED,
  { readonly code: string; readonly nameEn: string; readonly nameKo: string; readonly region: CountryRegionData | null },
  1
>;

export type CountryActivated = DomainEvent<typeof COUNTRY_ACTIVATED, { readonly code: string }, 1>;

export type CountryDeactivated = DomainEvent<typeof COUNTRY_DEACTIVATED, { readonly code: string; readonly reason: string }, 1>;

export type CountryEvent = CountryRegistered | CountryActivated | CountryDeactivated;
