import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CountryCode } from '../../../kernel/country-code';
import { AggregateRepository } from '../../../platform/event-log/aggregate-repository';
import { AggregateStore, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import { CountryAlreadyRegisteredError, CountryNotFoundError, CountryVersionConflictError } from '../countries.errors';
import { Country } from '../domain/country';
import type { CountryRegionData } from '../domain/country.events';
import { CountryRecord } from './country.entity';

/** A decided change: the country with its pending events and the version the decision read (0: new). */
export interface DecidedCountry {
  readonly country: Country;
  readonly expectedVersion: number;
}

@Injectable()
export class CountryRepository extends AggregateRepository<DecidedCountry, CountryRecord, Country, CountryCode> {
  constructor(store: AggregateStore, em: EntityManager) {
    super(store, em, CountryRecord);
  }

  async load(code: CountryCode): Promise<Country> {
    const record = await this.findRecord(code.value);
    if (!record) throw new CountryNotFoundError(code);
    return toAggregate(record);
  }

  protected decided(country: Country, expectedVersion: number): DecidedCountry {
    return { country, expectedVersion };
  }

  /** The registered countries among `codes`, by code. */
  async loadMany(codes: readonly CountryCode[]): Promise<Map<string, Country>> {
    const records = await this.findRecords(codes.map(String));
    return new Map(records.map((record) => [record.key, toAggregate(record)]));
  }

  /** Losing the race to register a code means it is taken. */
  protected lostRace({ country, expectedVersion }: DecidedCountry, actualVersion: number): CountryAlreadyRegisteredError | CountryVersionConflictError {
    if (expectedVersion === 0) return new CountryAlreadyRegisteredError(country.code);
    return new CountryVersionConflictError(country.code, expectedVersion, actualVersion);
  }

  protected toChange({ country, expectedVersion }: DecidedCountry, at: Date): AggregateChange<CountryRecord> {
    const { code, nameEn, nameKo, region, active, version } = country.toSnapshot();
    return {
      streamId: country.streamId,
      expectedVersion,
      events: country.pullPendingEvents(),
      row: {
        key: code.value,
        nameEn,
        nameKo,
        regionCode: region?.code ?? null,
        regionNameEn: region?.nameEn ?? null,
        regionNameKo: region?.nameKo ?? null,
        active,
        version,
        updatedAt: at,
      },
    };
  }
}

function toAggregate(record: CountryRecord): Country {
  return Country.restore({
    code: CountryCode.of(record.key),
    nameEn: record.nameEn,
    nameKo: record.nameKo,
    region: regionOf(record),
    active: record.active,
    version: record.version,
  });
}

function regionOf(record: CountryRecord): CountryRegionData | null {
  const { regionCode: code, regionNameEn: nameEn, regionNameKo: nameKo } = record;
  if (code === null) return null;
  // A region without its names is corruption, not a client mistake: a plain Error, which the API masks.
  if (nameEn === null || nameKo === null) throw new Error(`country ${record.key}: region ${code} is stored without its names`);
  return { code, nameEn, nameKo };
}
