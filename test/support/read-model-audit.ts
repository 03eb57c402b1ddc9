import type { Pool } from 'pg';
import { CENTS, GRAMS, toUnits } from '../../src/modules/dashboards/domain/exact-units';
import { READ_MODEL_INDEXES, type ReadModelIndex } from '../../src/modules/dashboards/elasticsearch/read-model-indexes';

/** Every index of a read-model generation, document by document (see readModelSnapshot). */
export type ReadModelDocuments = Record<ReadModelIndex, Map<string, Record<string, unknown>>>;

/** Up to five documents that differ between two snapshots of one index (missing on either side included). */
export function differences(live: Map<string, unknown>, rebuilt: Map<string, unknown>): { id: string; live: unknown; rebuilt: unknown }[] {
  const ids = new Set([...live.keys(), ...rebuilt.keys()]);
  const found = [...ids].filter((id) => JSON.stringify(sorted(live.get(id))) !== JSON.stringify(sorted(rebuilt.get(id))));
  return found.slice(0, 5).map((id) => ({ id, live: live.get(id), rebuilt: rebuilt.get(id) }));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

/** The live read model equals a rebuild from the log: the same documents in every index. */
export function expectSameDocuments(live: ReadModelDocuments, rebuilt: ReadModelDocuments): void {
  for (const name of READ_MODEL_INDEXES) {
    expect({ index: name, size: live[name].size }).toEqual({ index: name, size: rebuilt[name].size });
    expect({ index: name, documents: differences(live[name], rebuilt[name]) }).toEqual({ index: name, documents: [] });
  }
}

export function figuresOf(document: Record<string, unknown> | undefined) {
  return { valueUsdCents: document?.valueUsdCents ?? 0, weightGrams: document?.weightGrams ?? 0, factCount: document?.factCount ?? 0 };
}

type SqlRow = { id: string; value: string; weight: string; count: number };
export type SqlTotals = Awaited<ReturnType<typeof sqlTotals>>;

/**
 * The totals from the aggregate table, computed by PostgreSQL: national and per chapter without
 * inactive countries, per country with; over the given statistic keys, or all of them (null).
 */
export async function sqlTotals(pool: Pool, keys: string[] | null) {
  const query = async (groupBy: string, activeOnly: boolean) =>
    (
      await pool.query<SqlRow>(
        `select ${groupBy} as id, sum(s.value_usd)::text as value, sum(s.weight_kg)::text as weight, count(*)::int as count
         from export_statistic s join country c on c.key = s.country_code
         where ($1::text[] is null or s.key = any($1::text[])) and s.status = 'active' ${activeOnly ? 'and c.active' : ''}
         group by 1 order by 1`,
        [keys],
      )
    ).rows.map((row) => ({
      id: row.id,
      period: row.id,
      figures: { valueUsdCents: toUnits(row.value, CENTS), weightGrams: toUnits(row.weight, GRAMS), factCount: row.count },
    }));
  return {
    national: await query(`s.year || '-' || lpad(s.month::text, 2, '0')`, true),
    countries: await query(`s.country_code || '-' || s.year`, false),
    chapters: await query(`substr(s.hs_code, 1, 2) || '-' || s.year`, true),
  };
}

/** Every total of the read model equals the SQL sum, and it counts nothing SQL does not count. */
export function expectTotalsEqualSql(live: ReadModelDocuments, sql: SqlTotals): void {
  const trends = live['monthly-trends'];
  for (const row of sql.national) {
    expect({ period: row.period, ...figuresOf(trends.get(`total-${row.period}`)) }).toEqual({ period: row.period, ...row.figures });
  }
  for (const row of sql.countries) {
    expect({ id: row.id, ...figuresOf(live['country-summaries'].get(row.id)) }).toEqual({ id: row.id, ...row.figures });
  }
  for (const row of sql.chapters) {
    expect({ id: row.id, ...figuresOf(live['product-summaries'].get(row.id)) }).toEqual({ id: row.id, ...row.figures });
  }
  const counted = (documents: Map<string, Record<string, unknown>>, keep: (id: string) => boolean) =>
    [...documents].filter(([id, document]) => keep(id) && Number(document.factCount) > 0).map(([id]) => id).sort();
  expect(counted(trends, (id) => id.startsWith('total-'))).toEqual(sql.national.map((row) => `total-${row.id}`));
  expect(counted(live['country-summaries'], () => true)).toEqual(sql.countries.map((row) => row.id));
  expect(counted(live['product-summaries'], (id) => /^\d{2}-/.test(id))).toEqual(sql.chapters.map((row) => row.id));
}
