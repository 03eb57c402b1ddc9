import type { Pool } from 'pg';
import { CountryCode } from '../../src/kernel/country-code';
import { HsCode } from '../../src/kernel/hs-code';
import { UsdAmount } from '../../src/kernel/money';
import { Period } from '../../src/kernel/period';
import { WeightKg } from '../../src/kernel/weight';
import { Country } from '../../src/modules/countries/domain/country';
import { CountryRepository } from '../../src/modules/countries/infrastructure/country.repository';
import { Random } from '../../src/modules/sample-data/random';
import { ExportStatistic } from '../../src/modules/statistics/domain/export-statistic';
import type { StatisticContext } from '../../src/modules/statistics/domain/statistic-context';
import { StatisticKey } from '../../src/modules/statistics/domain/statistic-key';
import { ExportStatisticRepository } from '../../src/modules/statistics/infrastructure/export-statistic.repository';
import { openWriteSide, type WriteSide } from './write-side';

// User-assigned ISO 3166 codes: no real country (or other test) uses them. QQ is left out: it is
// UNKNOWN_COUNTRY_CODE, which tests running beside this one expect to stay unregistered.
const SPARE_COUNTRY_CODES = ['QM', 'QN', 'QO', 'QP', 'QR', 'QS', 'QU', 'QV', 'QW', 'QX', 'QY', 'QZ'];
const METADATA = { correlationId: 'projection-equals-rebuild', causationId: null, actor: 'test' };

export interface CommandWorld {
  readonly countries: string[];
  readonly statisticKeys: Set<string>;
  readonly streamIds: string[];
  readonly counts: Record<'record' | 'revise' | 'retract' | 'deactivate' | 'activate', number>;
}

/**
 * Drives `count` random commands (record, revise, retract, country deactivate and activate) through
 * the write side's aggregates and AggregateStore, so the log holds exactly what the service would
 * write. Keys: `countries` spare country codes x `hsCodes` x `periods`.
 */
export async function runRandomCommands(
  pool: Pool,
  random: Random,
  count: number,
  hsCodes: readonly string[],
  periods: readonly string[],
  countryCount = 6,
): Promise<CommandWorld> {
  const writeSide = await openWriteSide();
  try {
    return await runOn(writeSide, pool, random, count, hsCodes, periods, countryCount);
  } finally {
    await writeSide.close();
  }
}

async function runOn(
  { orm, store, doorbell }: WriteSide,
  pool: Pool,
  random: Random,
  count: number,
  hsCodes: readonly string[],
  periods: readonly string[],
  countryCount: number,
): Promise<CommandWorld> {
  const statisticsRepository = new ExportStatisticRepository(store, orm.em, pool);
  const countriesRepository = new CountryRepository(store, orm.em);
  const countries = await registerSpareCountries(pool, countriesRepository, countryCount);
  const context: StatisticContext = {
    now: new Date(),
    thresholdUsd: UsdAmount.parse('1000000'),
    reference: { isKnownCountry: () => true, hasChapter: () => true },
  };
  const world: CommandWorld = {
    countries: countries.map((country) => country.code.value),
    statisticKeys: new Set(),
    streamIds: countries.map((country) => country.streamId),
    counts: { record: 0, revise: 0, retract: 0, deactivate: 0, activate: 0 },
  };
  const statistics = new Map<string, ExportStatistic>();
  for (let i = 0; i < count; i++) {
    if (random.next() < 0.04) {
      const country = countries[random.int(countries.length)];
      const expectedVersion = country.version;
      if (country.active) country.deactivate('test sanctions');
      else country.activate();
      world.counts[country.active ? 'activate' : 'deactivate'] += 1;
      await countriesRepository.save({ country, expectedVersion }, METADATA, new Date());
      continue;
    }
    const key = StatisticKey.of(
      countries[random.int(countries.length)].code,
      HsCode.of(hsCodes[random.int(hsCodes.length)]),
      Period.parse(periods[random.int(periods.length)]),
    );
    const statistic = statistics.get(key.toString()) ?? ExportStatistic.unrecorded(key);
    statistics.set(key.toString(), statistic);
    const expectedVersion = statistic.version;
    if (statistic.status !== 'active') {
      statistic.record(figures(random), context);
      world.counts.record += 1;
    } else if (random.next() < 0.7) {
      statistic.revise(expectedVersion, figures(random), context);
      world.counts.revise += 1;
    } else {
      statistic.retract(expectedVersion, 'random retraction');
      world.counts.retract += 1;
    }
    await statisticsRepository.save({ statistic, expectedVersion }, METADATA, new Date());
    if (!world.statisticKeys.has(key.toString())) world.streamIds.push(key.streamId);
    world.statisticKeys.add(key.toString());
  }
  await doorbell.settled();
  return world;
}

export async function deleteCommandWorld(pool: Pool, world: CommandWorld): Promise<void> {
  await pool.query('delete from event_log where stream_id = any($1::text[])', [world.streamIds]);
  await pool.query('delete from export_statistic where key = any($1::text[])', [[...world.statisticKeys]]);
  await pool.query('delete from country where key = any($1::text[])', [world.countries]);
}

/** Amounts from cents to millions of dollars (a few above the 1,000,000 threshold), weights to the gram. */
function figures(random: Random) {
  const cents = random.next() < 0.05 ? 100_000_000 + random.int(400_000_000) : 1 + random.int(50_000_000);
  const grams = random.int(5_000_000_000);
  return {
    valueUsd: UsdAmount.parse(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`),
    weightKg: WeightKg.parse(`${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`),
  };
}

async function registerSpareCountries(pool: Pool, repository: CountryRepository, wanted: number): Promise<Country[]> {
  const { rows } = await pool.query<{ key: string }>('select key from country where key = any($1::text[])', [SPARE_COUNTRY_CODES]);
  const taken = new Set(rows.map((row) => row.key));
  const free = SPARE_COUNTRY_CODES.filter((code) => !taken.has(code)).slice(0, wanted);
  if (free.length < wanted) throw new Error(`only ${free.length} spare country codes are free; another run may be going on`);
  const countries: Country[] = [];
  for (const code of free) {
    const country = Country.register({ code: CountryCode.of(code), nameEn: `Testland ${code}`, nameKo: `테스트국 ${code}`, region: null });
    await repository.save({ country, expectedVersion: 0 }, METADATA, new Date());
    countries.push(country);
  }
  return countries;
}
