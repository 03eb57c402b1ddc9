import { CountryCode } from '../../../kernel/country-code';
import { assertNever } from '../../../kernel/domain-event';
import { COUNTRY_ACTIVATED, COUNTRY_DEACTIVATED, COUNTRY_REGISTERED, CountryEvent, CountryRegionData } from './country.events';

export interface UnregisteredCountry {
  readonly status: 'unregistered';
  readonly code: CountryCode;
  readonly version: 0;
}

export interface RegisteredCountry {
  readonly status: 'registered';
  readonly code: CountryCode;
  readonly nameEn: string;
  readonly nameKo: string;
  readonly region: CountryRegionData | null;
  readonly active: boolean;
  readonly version: number;
}

export type CountryState = UnregisteredCountry | RegisteredCountry;

export function initialCountryState(code: CountryCode): CountryState {
  return { status: 'unregistered', code, version: 0 };
}

/**
 * Applies one event; the only place country state changes. Unlike statistic events, activation
 * events do not carry the names, so they need a registered country: a log where they come first
 * is corrupt, and replaying it fails loudly instead of inventing a nameless country.
 */
export function evolveCountry(state: CountryState, event: CountryEvent): CountryState {
  if (event.data.code !== state.code.value) {
    throw new Error(`${event.type} of ${event.data.code} cannot apply to country ${state.code}`);
  }
  const version = state.version + 1;
  switch (event.type) {
    case COUNTRY_REGISTERED: {
      const { nameEn, nameKo, region } = event.data;
      return { status: 'registered', code: state.code, nameEn, nameKo, region, active: true, version };
    }
    case COUNTRY_ACTIVATED:
      return { ...registered(state, event), active: true, version };
    case COUNTRY_DEACTIVATED:
      return { ...registered(state, event), active: false, version };
    default:
      return assertNever(event, 'country event');
  }
}

function registered(state: CountryState, event: CountryEvent): RegisteredCountry {
  if (state.status === 'registered') return state;
  throw new Error(`${event.type} of ${state.code} before CountryRegistered`);
}
