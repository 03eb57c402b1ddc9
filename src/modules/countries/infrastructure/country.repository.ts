import { Injectable } from '@nestjs/common';
import { CountryCode } from '../../../kernel/country-code';
import { AggregateStore, StreamVersionConflict, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import type { EventMetadata, WriteResult } from '../../../platform/event-log/event-log.types';
import { CountryAlreadyRegisteredError, CountryNotFoundError, CountryVersionConflictError } from '../countries.errors';
import { Country } from '../domain/country';
import type { CountryRegionData } from '../domain/country.events';
import { COUNTRY_TABLE, type CountryRow } from './country.table';

/** A decided change: the country with its pending events and the version the decision read (0: new). */
export interface DecidedCountry {
  readonly country: Country;
  readonly expectedVersion: number;
}

const ATTEMPTS_WITHOUT_EXPECTED_VERSION = 3;

@Injectable()
export class CountryRepository {
  constructor(private readonly store: AggregateStore) {}

  async load(code: CountryCode): Promise<Country> {
    const row = await this.store.load(COUNTRY_TABLE, code.value);
    if (!row) throw new CountryNotFoundError(code);
    return toAggregate(row);
  }

  /** The registered countries among `codes`, by code. */
  async loadMany(codes: readonly CountryCode[]): Promise<Map<string, Country>> {
    const rows = await this.store.loadMany(COUNTRY_TABLE, codes.map(String));
    return new Map(rows.map((row) => [row.key, toAggregate(row)]));
  }

  /** Saves the pending events and the new row; losing the race to register a code means it is taken. */
  async save(decided: DecidedCountry, metadata: EventMetadata, at: Date): Promise<WriteResult> {
    const { country, expectedVersion } = decided;
    try {
      return await this.store.save(COUNTRY_TABLE, toChange(decided, at), metadata, at);
    } catch (error) {
      if (!(error instanceof StreamVersionConflict)) throw error;
      if (expectedVersion === 0) throw new CountryAlreadyRegisteredError(country.code);
      const actual = await this.load(country.code);
      throw new CountryVersionConflictError(country.code, expectedVersion, actual.version);
    }
  }

  /**
   * Loads, decides and saves one country. With an expected version a lost race is the client's
   * conflict; without one the command means "whatever the current version", so it is decided again.
   */
  async update(
    code: CountryCode,
    expectedVersion: number | undefined,
    decide: (country: Country) => void,
    metadata: EventMetadata,
    at: Date,
  ): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      const country = await this.load(code);
      const read = country.version;
      decide(country);
      try {
        return await this.save({ country, expectedVersion: read }, metadata, at);
      } catch (error) {
        const retry = expectedVersion === undefined && attempt < ATTEMPTS_WITHOUT_EXPECTED_VERSION;
        if (!(error instanceof CountryVersionConflictError) || !retry) throw error;
      }
    }
  }

  /** All or nothing, in one transaction; StreamVersionConflict means "re-read and decide again". */
  async saveMany(
    decided: readonly DecidedCountry[],
    metadata: EventMetadata,
    at: Date,
  ): Promise<{ position: string | null; saved: number }> {
    return this.store.saveMany(COUNTRY_TABLE, decided.map((item) => toChange(item, at)), metadata, at);
  }
}

function toChange({ country, expectedVersion }: DecidedCountry, at: Date): AggregateChange<CountryRow> {
  const { code, nameEn, nameKo, region, active, version } = country.toSnapshot();
  return {
    streamId: country.streamId,
    expectedVersion,
    events: country.pullPendingEvents(),
    row: {
      key: code.value,
      name_en: nameEn,
      name_ko: nameKo,
      region_code: region?.code ?? null,
      region_name_en: region?.nameEn ?? null,
      region_name_ko: region?.nameKo ?? null,
      active,
      version,
      updated_at: at.toISOString(),
    },
  };
}

function toAggregate(row: CountryRow): Country {
  return Country.restore({
    code: CountryCode.of(row.key),
    nameEn: row.name_en,
    nameKo: row.name_ko,
    region: regionOf(row),
    active: row.active,
    version: row.version,
  });
}

function regionOf(row: CountryRow): CountryRegionData | null {
  const { region_code: code, region_name_en: nameEn, region_name_ko: nameKo } = row;
  if (code === null) return null;
  // A region without its names is corruption, not a client mistake: a plain Error, which the API masks.
  if (nameEn === null || nameKo === null) throw new Error(`country ${row.key}: region ${code} is stored without its names`);
  return { code, nameEn, nameKo };
}
