import { Client } from 'pg';

/** Rows per table and entries per index, exactly, at one moment. */
export interface WriteCounts {
  readonly rows: ReadonlyMap<string, number>;
  readonly indexEntries: ReadonlyMap<string, number>;
}

export interface WriteFootprint {
  readonly rows: number;
  readonly indexEntries: number;
  /** Per table: `event_log 1 row, 3 index entries`. */
  readonly detail: string;
}

/**
 * Counts every row of every user table (pg_stat_user_tables: leaf tables only, so a partitioned
 * table's rows count once) and every entry of each of its indexes (pg_index; a partial index
 * holds only the rows its predicate admits). count(*) rather than the statistics collector's
 * n_tup_ins, which lags behind commits and keeps counting rows that were deleted since.
 */
export async function countWrites(connectionString: string): Promise<WriteCounts> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string; indexname: string | null; predicate: string | null }>(TABLES_AND_INDEXES);
    const rows = new Map<string, number>();
    const indexEntries = new Map<string, number>();
    for (const { name, indexname, predicate } of tables) {
      if (!rows.has(name)) rows.set(name, await count(client, `select count(*)::float8 as n from only ${name}`));
      if (indexname === null) continue;
      const entries = predicate === null ? (rows.get(name) ?? 0) : await count(client, `select count(*)::float8 as n from only ${name} where ${predicate}`);
      indexEntries.set(`${name} ${indexname}`, entries);
    }
    return { rows, indexEntries };
  } finally {
    await client.end();
  }
}

/** What the writes between two counts added per statistic, over every table they touched. */
export function footprintPerStatistic(before: WriteCounts, after: WriteCounts, statistics: number): WriteFootprint {
  const added = (map: ReadonlyMap<string, number>, base: ReadonlyMap<string, number>, key: string) => (map.get(key) ?? 0) - (base.get(key) ?? 0);
  const tables = [...after.rows.keys()].filter((table) => added(after.rows, before.rows, table) > 0);
  const perTable = tables.map((table) => {
    const rows = added(after.rows, before.rows, table) / statistics;
    const entries = [...after.indexEntries.keys()]
      .filter((key) => key.startsWith(`${table} `))
      .reduce((sum, key) => sum + added(after.indexEntries, before.indexEntries, key) / statistics, 0);
    return { table, rows, entries };
  });
  return {
    rows: perTable.reduce((sum, { rows }) => sum + rows, 0),
    indexEntries: perTable.reduce((sum, { entries }) => sum + entries, 0),
    detail: perTable.map(({ table, rows, entries }) => `${table} ${counted(rows, 'row')}, ${counted(entries, 'index entry', 'index entries')}`).join('; '),
  };
}

export function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function counted(value: number, one: string, many = `${one}s`): string {
  return `${round(value)} ${round(value) === '1' ? one : many}`;
}

async function count(client: Client, sql: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(sql);
  return rows[0].n;
}

// relkind 'r': leaf tables (a partitioned parent is 'p' and holds no rows of its own).
const TABLES_AND_INDEXES = `
  select t.relid::regclass::text as name, x.indexrelid::regclass::text as indexname,
         pg_get_expr(x.indpred, x.indrelid) as predicate
  from pg_stat_user_tables t
  join pg_class c on c.oid = t.relid and c.relkind = 'r'
  left join pg_index x on x.indrelid = t.relid
  order by 1, 2`;
