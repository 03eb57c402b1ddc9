import { columnNames, type SnapshotRow, type SnapshotTable } from './snapshot-table';

/**
 * The SQL behind AggregateStore, built once per table. A single change is ONE statement: the
 * snapshot write and the event append are data-modifying CTEs of the same statement, so they
 * commit together or not at all, in one round trip. The append only happens when the snapshot
 * write matched (the expected version), which is the optimistic-concurrency check; a new stream's
 * insert refuses a key that exists (the snapshot's primary key), and the log's unique
 * (stream_id, stream_version) backs both up. Either refusal is a lost race to the caller.
 */
const EVENT_COLUMNS = `event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at`;

export function insertOneSql<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): string {
  const columns = columnNames(table);
  const values = columns.map((column, i) => `$${i + 1}::${table.columns[column]}`).join(', ');
  const snapshot = `insert into ${table.name} (${columns.join(', ')}) values (${values}) returning version`;
  return withAppend(snapshot, columns.length);
}

export function updateOneSql<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): string {
  const columns = columnNames(table);
  const assignments = columns
    .filter((column) => column !== table.key)
    .map((column) => `${column} = $${columns.indexOf(column) + 1}::${table.columns[column]}`)
    .join(', ');
  const expected = columns.length + 1;
  const snapshot = `update ${table.name} set ${assignments}
      where ${table.key} = $${columns.indexOf(table.key) + 1}::${table.columns[table.key]} and version = $${expected}::int
      returning version`;
  return withAppend(snapshot, expected);
}

/** Events follow the snapshot's parameters: stream id, metadata, occurred-at, then five arrays. */
function withAppend(snapshotSql: string, lastSnapshotParam: number): string {
  const p = (offset: number) => `$${lastSnapshotParam + offset}`;
  return `with snapshot as (${snapshotSql}),
    appended as (
      insert into event_log (${EVENT_COLUMNS})
      select e.event_id, ${p(1)}::text, e.stream_version, e.type, e.schema_version, e.data, ${p(2)}::jsonb, ${p(3)}::timestamptz
      from unnest(${p(4)}::uuid[], ${p(5)}::int[], ${p(6)}::text[], ${p(7)}::smallint[], ${p(8)}::jsonb[])
        as e(event_id, stream_version, type, schema_version, data)
      where exists (select from snapshot)
      order by e.stream_version
      returning position)
    select (select version from snapshot) as version, (select max(position) from appended)::text as position`;
}

/**
 * Many changes in one statement, which checks its own counts: when a change lost its race (its
 * update matched no row), event_log_expect_saved raises SQLSTATE EL001 and the whole statement,
 * events included, is undone. It answers with the last position of each stream, so each change
 * learns where it landed.
 */
export function saveManySql<TRow extends SnapshotRow>(table: SnapshotTable<TRow>): string {
  const columns = columnNames(table);
  const casts = columns.map((column, i) => `$${i + 1}::${table.columns[column]}[]`);
  const expected = `$${columns.length + 1}::int[]`;
  const e = (offset: number) => `$${columns.length + 1 + offset}`;
  const updates = columns
    .filter((column) => column !== table.key)
    .map((column) => `${column} = v.${column}`)
    .join(', ');
  // Unnested once: the insert and the update each read the changes that concern them.
  return `with v as materialized (
      select * from unnest(${casts.join(', ')}, ${expected}) as v(${columns.join(', ')}, expected_version)),
    inserted as (
      insert into ${table.name} (${columns.join(', ')})
      select ${columns.map((column) => `v.${column}`).join(', ')} from v
      where v.expected_version = 0
      returning 1),
    updated as (
      update ${table.name} set ${updates}
      from v
      where ${table.name}.${table.key} = v.${table.key} and ${table.name}.version = v.expected_version
        and v.expected_version > 0
      returning 1),
    appended as (
      insert into event_log (${EVENT_COLUMNS})
      select * from unnest(${e(1)}::uuid[], ${e(2)}::text[], ${e(3)}::int[], ${e(4)}::text[], ${e(5)}::smallint[],
                           ${e(6)}::jsonb[], ${e(7)}::jsonb[], ${e(8)}::timestamptz[])
      returning stream_id, position)
    select event_log_expect_saved((select count(*) from inserted)::int + (select count(*) from updated)::int, ${e(9)}::int) as saved,
           coalesce((select json_object_agg(stream_id, head) from
             (select stream_id, max(position)::text as head from appended group by stream_id) heads), '{}') as heads`;
}
