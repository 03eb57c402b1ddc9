import type { Client } from '@elastic/elasticsearch';
import type { Pool } from 'pg';
import { Period } from '../../src/kernel/period';
import { factCountryOf, productNamesOf, type ProductNames } from '../../src/modules/dashboards/domain/denormalized-names';
import { bulkWrite } from '../../src/modules/dashboards/elasticsearch/es-bulk';
import type { IndexSet } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';
import { ReadModelLookups } from '../../src/modules/dashboards/projections/read-model-lookups';
import { factOp } from '../../src/modules/dashboards/projections/facts/fact-writer';
import { evolveFact, type FactNames } from '../../src/modules/dashboards/projections/facts/fact.projector';
import type { ProjectableEvent } from '../../src/modules/dashboards/projections/projectable-event';
import { loadCountryReference } from '../../src/modules/reference-data/countries';
import { loadHsNomenclature } from '../../src/modules/reference-data/hs-nomenclature';

/**
 * Synthetic statistics, the same in JavaScript (for Elasticsearch) and in SQL (for PostgreSQL):
 * fact i is in month i mod 120 of 2016-2025; its country and 10-digit code come from q = i div 120
 * by q mod 239 and q mod 12,000, unique per month while q < 239 * 12,000 (coprime), so up to
 * 343 million facts. Amounts are arithmetic in i, skewed by country. Only the shape is realistic:
 * 239 partners, 12,000 national lines over the 5,613 real HS 2022 subheadings, real names.
 */
export const PERIODS = 120;
export const FIRST_YEAR = 2016;
const COUNTRY_COUNT = 239;
const CODE_COUNT = 12_000;

export interface SyntheticUniverse {
  readonly countries: readonly string[];
  readonly codes: readonly string[];
}

export function syntheticUniverse(): SyntheticUniverse {
  const countries = loadCountryReference()
    .all()
    .map((country) => country.code)
    .filter((code) => !['ZZ', 'AQ', 'BV', 'HM', 'GS', 'UM'].includes(code))
    .slice(0, COUNTRY_COUNT);
  if (countries.length !== COUNTRY_COUNT) throw new Error(`need ${COUNTRY_COUNT} countries, the reference has ${countries.length}`);
  const subheadings = loadHsNomenclature().entries(6).map((entry) => entry.code);
  const codes = Array.from({ length: CODE_COUNT }, (_, j) => `${subheadings[j % subheadings.length]}${1000 + Math.floor(j / subheadings.length)}`);
  return { countries, codes };
}

export interface SyntheticFact {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  readonly cents: number;
  readonly grams: number;
}

export function syntheticFact(universe: SyntheticUniverse, i: number, periodOffset = 0, periods = PERIODS): SyntheticFact {
  const p = (i % periods) + periodOffset;
  const q = Math.floor(i / periods);
  const country = q % COUNTRY_COUNT;
  return {
    countryCode: universe.countries[country],
    hsCode: universe.codes[q % CODE_COUNT],
    period: Period.of(FIRST_YEAR, 1).plusMonths(p).toString(),
    cents: (100 + ((i * 7919) % 4_999_999)) * (1 + (country % 5)),
    grams: 1000 + ((i * 104_729) % 9_999_991),
  };
}

/** The same facts as SQL expressions of `i` (a bigint from generate_series); $1 countries, $2 codes. */
function sqlFact(periods = PERIODS) {
  return {
    country: `($1::text[])[((i / ${periods}) % ${COUNTRY_COUNT}) + 1]`,
    hsCode: `($2::text[])[((i / ${periods}) % ${CODE_COUNT}) + 1]`,
    year: `${FIRST_YEAR} + (i % ${periods}) / 12`,
    month: `(i % ${periods}) % 12 + 1`,
    cents: `(100 + (i * 7919) % 4999999) * (1 + ((i / ${periods}) % ${COUNTRY_COUNT}) % 5)`,
    grams: `1000 + (i * 104729) % 9999991`,
  };
}

function decimal(units: number, scale: 2 | 3): string {
  const digits = String(units).padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A Recorded event of a synthetic fact, as the log or the broker would carry it. */
export function recordedEvent(fact: SyntheticFact, position: number): ProjectableEvent {
  return {
    position: String(position),
    streamId: `statistic:${fact.countryCode}-${fact.hsCode}-${fact.period}`,
    streamVersion: 1,
    type: 'ExportStatisticRecorded',
    schemaVersion: 1,
    data: { countryCode: fact.countryCode, hsCode: fact.hsCode, period: fact.period, valueUsd: decimal(fact.cents, 2), weightKg: decimal(fact.grams, 3) },
    occurredAt: new Date('2026-01-15T00:00:00Z'),
  };
}

/**
 * Writes facts [from, to) straight into the facts index with the projector's own document builder
 * (names from the reference data, as a fresh read model has them), two bulks in flight.
 */
export async function loadFacts(client: Client, indexes: IndexSet, universe: SyntheticUniverse, from: number, to: number, onProgress: (done: number) => void): Promise<void> {
  const names = await namesOfUniverse(client, indexes, universe);
  const chunk = 10_000;
  const inFlight = new Set<Promise<unknown>>();
  for (let start = from; start < to; start += chunk) {
    const ops = [];
    for (let i = start; i < Math.min(to, start + chunk); i++) {
      const fact = syntheticFact(universe, i);
      const document = evolveFact(null, recordedEvent(fact, i + 1), names(fact))!;
      ops.push(factOp(indexes.facts, document, 'external'));
    }
    const write: Promise<unknown> = bulkWrite(client, ops).then(() => {
      inFlight.delete(write);
      onProgress(Math.min(to, start + chunk) - from);
    });
    inFlight.add(write);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

async function namesOfUniverse(client: Client, indexes: IndexSet, universe: SyntheticUniverse): Promise<(fact: SyntheticFact) => FactNames> {
  const lookups = new ReadModelLookups(client);
  const countries = await lookups.countries(indexes.countries, universe.countries);
  const codeNames = await lookups.codeNames(indexes.products, universe.codes);
  const products = new Map<string, ProductNames>(universe.codes.map((code) => [code, productNamesOf(code, codeNames)]));
  const countryNames = new Map([...countries].map(([code, view]) => [code, factCountryOf(view)]));
  return (fact) => ({ country: countryNames.get(fact.countryCode)!, product: products.get(fact.hsCode)! });
}

/** The same facts [from, to) as rows of a plain table, by one INSERT ... SELECT over generate_series. */
export async function loadSqlFacts(pool: Pool, universe: SyntheticUniverse, from: number, to: number): Promise<void> {
  const SQL_FACT = sqlFact();
  const step = 2_000_000;
  for (let start = from; start < to; start += step) {
    await pool.query(
      `insert into bench_read_model.facts (country_code, hs_code, year, month, value_usd, weight_kg, status)
       select ${SQL_FACT.country}, ${SQL_FACT.hsCode}, ${SQL_FACT.year}, ${SQL_FACT.month},
              (${SQL_FACT.cents})::numeric / 100, (${SQL_FACT.grams})::numeric / 1000, 'active'
       from generate_series($3::bigint, $4::bigint) as i`,
      [universe.countries, universe.codes, start, Math.min(to, start + step) - 1],
    );
  }
}

/**
 * `count` Recorded events of synthetic facts over `periods` months, appended to the event log
 * (correlation id bench-read-model, which the bench deletes).
 */
export async function loadLogEvents(pool: Pool, universe: SyntheticUniverse, count: number, periods: number): Promise<void> {
  const SQL_FACT = sqlFact(periods);
  const step = 250_000;
  for (let start = 0; start < count; start += step) {
    await pool.query(
      `insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
       select gen_random_uuid(), 'statistic:' || c || '-' || h || '-' || p, 1, 'ExportStatisticRecorded', 1,
              jsonb_build_object('countryCode', c, 'hsCode', h, 'period', p,
                                 'valueUsd', to_char(v / 100.0, 'FM9999999999990.00'), 'weightKg', to_char(w / 1000.0, 'FM9999999999990.000')),
              '{"correlationId":"bench-read-model","causationId":null,"actor":"bench"}'::jsonb, now()
       from (select ${SQL_FACT.country} as c, ${SQL_FACT.hsCode} as h,
                    (${SQL_FACT.year})::text || '-' || lpad((${SQL_FACT.month})::text, 2, '0') as p,
                    ${SQL_FACT.cents} as v, ${SQL_FACT.grams} as w
             from generate_series($3::bigint, $4::bigint) as i) f`,
      [universe.countries, universe.codes, start, Math.min(count, start + step) - 1],
    );
  }
}
