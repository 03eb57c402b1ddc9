/**
 * How an aggregate's current state is stored beside its events: one row per aggregate, keyed by
 * `key`, with a `version` column equal to its stream version. Column names are SQL names; each
 * maps to the PostgreSQL type its parameters are cast to.
 */
export type SnapshotRow = { readonly version: number } & Readonly<Record<string, string | number | boolean | null>>;

export interface SnapshotTable<TRow extends SnapshotRow> {
  readonly name: string;
  readonly key: keyof TRow & string;
  readonly columns: Readonly<Record<keyof TRow & string, string>>;
}

export function defineSnapshotTable<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): SnapshotTable<TRow> {
  const names = [table.name, ...Object.keys(table.columns)];
  const unsafe = names.find((name) => !/^[a-z_][a-z0-9_]*$/.test(name));
  if (unsafe) throw new Error(`snapshot table ${table.name}: "${unsafe}" is not a plain SQL identifier`);
  if (!('version' in table.columns)) throw new Error(`snapshot table ${table.name}: needs a version column`);
  return table;
}

export function columnNames<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): (keyof TRow & string)[] {
  return Object.keys(table.columns) as (keyof TRow & string)[];
}
