/**
 * The countries context's published wire contract (see statistics.contract.ts for why it is
 * written out). Every message carries the country code, its routing key.
 */
export const COUNTRY_MESSAGE_TYPES = {
  registered: 'CountryRegistered',
  activated: 'CountryActivated',
  deactivated: 'CountryDeactivated',
} as const;

/** A UN M49 region, as the reference data names it. */
export interface CountryRegionFields {
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
}

export interface CountryRegisteredV1 {
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
  readonly region: CountryRegionFields | null;
}

export interface CountryActivatedV1 {
  readonly code: string;
}

export interface CountryDeactivatedV1 {
  readonly code: string;
  readonly reason: string;
}

export type CountryMessage =
  | { readonly type: typeof COUNTRY_MESSAGE_TYPES.registered; readonly schemaVersion: 1; readonly data: CountryRegisteredV1 }
  | { readonly type: typeof COUNTRY_MESSAGE_TYPES.activated; readonly schemaVersion: 1; readonly data: CountryActivatedV1 }
  | { readonly type: typeof COUNTRY_MESSAGE_TYPES.deactivated; readonly schemaVersion: 1; readonly data: CountryDeactivatedV1 };

/**
 * The instances' request (platform/instances) under which every context refreshes what it caches
 * about countries, for the country processes' refresh step. Contexts register their part of it.
 */
export const COUNTRY_CACHES_TOPIC = 'country-caches';
