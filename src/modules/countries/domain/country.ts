import { CountryCode } from '../../../kernel/country-code';
import { ValidationError } from '../../../kernel/domain-error';
import { domainEvent } from '../../../kernel/domain-event';
import { requiredText } from '../../../kernel/required-text';
import { CountryVersionConflictError } from '../countries.errors';
import { COUNTRY_ACTIVATED, COUNTRY_DEACTIVATED, COUNTRY_REGISTERED, CountryEvent, CountryRegionData } from './country.events';
import { CountryState, evolveCountry, initialCountryState, RegisteredCountry } from './country.state';

// Generous for any country name in either language; the limit exists to bound storage and UI.
const MAX_COUNTRY_NAME_LENGTH = 200;
const MAX_DEACTIVATION_REASON_LENGTH = 500;
const M49_CODE = /^[0-9]{3}$/;

export interface CountryProps {
  readonly code: CountryCode;
  readonly nameEn: string;
  readonly nameKo: string;
  /** Null where M49 has none: Antarctica, and ZZ "other countries". */
  readonly region: CountryRegionData | null;
}

export interface CountrySnapshot extends CountryProps {
  readonly active: boolean;
  readonly version: number;
}

export function countryStreamId(code: CountryCode): string {
  return `country:${code.value}`;
}

/** A partner country with its names and region, which operators can take in and out of use. */
export class Country {
  private pending: CountryEvent[] = [];

  private constructor(private state: RegisteredCountry) {}

  /** A new country starts active. Whether the code is already registered is the handler's question. */
  static register(props: CountryProps): Country {
    const data = {
      code: props.code.value,
      nameEn: requiredText(props.nameEn, 'nameEn', MAX_COUNTRY_NAME_LENGTH),
      nameKo: requiredText(props.nameKo, 'nameKo', MAX_COUNTRY_NAME_LENGTH),
      region: region(props.region),
    };
    const event: CountryEvent = domainEvent(COUNTRY_REGISTERED, 1, data);
    const country = new Country(registered(evolveCountry(initialCountryState(props.code), event)));
    country.pending.push(event);
    return country;
  }

  /** Replays a stream, which must start with CountryRegistered. */
  static fromHistory(events: readonly CountryEvent[]): Country {
    const [first] = events;
    if (first === undefined) throw new Error('an empty history names no country');
    return new Country(registered(events.reduce(evolveCountry, initialCountryState(CountryCode.of(first.data.code)))));
  }

  static restore(snapshot: CountrySnapshot): Country {
    const { version } = snapshot;
    // A bad row is corruption, not a client mistake: a plain Error, which the API masks.
    if (!Number.isInteger(version) || version < 1) throw new Error(`country ${snapshot.code}: stored version ${version} is not >= 1`);
    return new Country({ status: 'registered', ...snapshot });
  }

  get code(): CountryCode {
    return this.state.code;
  }

  get streamId(): string {
    return countryStreamId(this.state.code);
  }

  get nameEn(): string {
    return this.state.nameEn;
  }

  get nameKo(): string {
    return this.state.nameKo;
  }

  get region(): CountryRegionData | null {
    return this.state.region;
  }

  get active(): boolean {
    return this.state.active;
  }

  get version(): number {
    return this.state.version;
  }

  toSnapshot(): CountrySnapshot {
    const { code, nameEn, nameKo, region, active, version } = this.state;
    return { code, nameEn, nameKo, region, active, version };
  }

  /** Records nothing if the country is already active, so repeating the request is harmless. */
  activate(expectedVersion?: number): void {
    this.checkVersion(expectedVersion);
    if (this.state.active) return;
    this.raise(domainEvent(COUNTRY_ACTIVATED, 1, { code: this.state.code.value }));
  }

  /** Records nothing if the country is already inactive; the reason is still required. */
  deactivate(reason: string, expectedVersion?: number): void {
    const why = requiredText(reason, 'reason', MAX_DEACTIVATION_REASON_LENGTH);
    this.checkVersion(expectedVersion);
    if (!this.state.active) return;
    this.raise(domainEvent(COUNTRY_DEACTIVATED, 1, { code: this.state.code.value, reason: why }));
  }

  pullPendingEvents(): CountryEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** Without an expected version the command applies to whatever version is current. */
  private checkVersion(expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && expectedVersion !== this.state.version) {
      throw new CountryVersionConflictError(this.state.code, expectedVersion, this.state.version);
    }
  }

  private raise(event: CountryEvent): void {
    this.state = registered(evolveCountry(this.state, event));
    this.pending.push(event);
  }
}

function registered(state: CountryState): RegisteredCountry {
  if (state.status === 'registered') return state;
  throw new Error(`country ${state.code} has no registration`);
}

function region(raw: CountryRegionData | null): CountryRegionData | null {
  if (raw === null) return null;
  if (typeof raw.code !== 'string' || !M49_CODE.test(raw.code)) {
    throw new ValidationError('region.code', `must be a three-digit UN M49 code, got ${JSON.stringify(raw.code)}`);
  }
  return Object.freeze({
    code: raw.code,
    nameEn: requiredText(raw.nameEn, 'region.nameEn', MAX_COUNTRY_NAME_LENGTH),
    nameKo: requiredText(raw.nameKo, 'region.nameKo', MAX_COUNTRY_NAME_LENGTH),
  });
}
