import type { AggregateTable, EventLogTable } from './aggregate-table';

/**
 * The SQL behind AggregateStore, built once per table from its MikroORM metadata (AggregateTable). A single change is ONE statement: the
 * snapshot write and the event append are data-modifying CTEs of the same statement, so they
 * commit together or not at all, in one round trip. The append only happens when the snapshot
 * write matched (the expected version), which is the optimistic-concurrency check; a new stream's
 * insert refuses a key that exists (the snapshot's primary key), and the log's unique
 * (stream_id, stream_version) backs both up. Either refusal is a lost race to the caller.
 */
export function insertOneSql(table: AggregateTable, log: EventLogTable): string {
  const names = table.columns.map((column) => column.name);
  const values = table.columns.map((column, i) => `$${i + 1}::${column.type}`).join(', ');
  const snapshot = `insert into ${table.name} (${names.join(', ')}) values (${values}) returning ${table.version.name} as version`;
  return withAppend(snapshot, table.columns.length, log);
}

export function updateOneSql(table: AggregateTable, log: EventLogTable): string {
  const { key, version } = table;
  const param = (name: string) => table.columns.findIndex((column) => column.name === name) + 1;
  const assignments = table.columns
    .filter((column) => column !== key)
    .map((column) => `${column.name} = $${param(column.name)}::${column.type}`)
    .join(', ');
  const expected = table.columns.length + 1;
  const snapshot = `update ${table.name} set ${assignments}
      where ${key.name} = $${param(key.name)}::${key.type} and ${version.name} = $${expected}::${version.type}
      returning ${version.name} as version`;
  return withAppend(snapshot, expected, log);
}

/** Events follow the snapshot's parameters: stream id, metadata, occurred-at, then five arrays. */
function withAppend(snapshotSql: string, lastSnapshotParam: number, log: EventLogTable): string {
  const p = (offset: number) => `$${lastSnapshotParam + offset}`;
  const { eventId, streamId, streamVersion, type, schemaVersion, data, metadata, occurredAt, position } = log.columns;
  return `with snapshot as (${snapshotSql}),
    appended as (
      insert into ${log.name} (${eventColumns(log)})
      select e.event_id, ${p(1)}::${streamId.type}, e.stream_version, e.type, e.schema_version, e.data, ${p(2)}::${metadata.type}, ${p(3)}::${occurredAt.type}
      from unnest(${p(4)}::${eventId.type}[], ${p(5)}::${streamVersion.type}[], ${p(6)}::${type.type}[], ${p(7)}::${schemaVersion.type}[], ${p(8)}::${data.type}[])
        as e(event_id, stream_version, type, schema_version, data)
      where exists (select from snapshot)
      order by e.stream_version
      returning ${position.name} as position)
    select (select version from snapshot) as version, (select max(position) from appended)::text as position`;
}

/** The columns an append writes, in the order of the unnest arrays above and below. */
function eventColumns(log: EventLogTable): string {
  const { eventId, streamId, streamVersion, type, schemaVersion, data, metadata, occurredAt } = log.columns;
  return [eventId, streamId, streamVersion, type, schemaVersion, data, metadata, occurredAt].map((column) => column.name).join(', ');
}

/**
 * Many changes in one statement, which checks its own counts: when a change lost its race (its
 * update matched no row), event_log_expect_saved raises SQLSTATE EL001 and the whole statement,
 * events included, is undone. It answers with the last position of each stream, so each change
 * learns where it landed.
 */
export function saveManySql(table: AggregateTable, log: EventLogTable): string {
  const { name, key, version, columns } = table;
  const { eventId, streamId, streamVersion, type, schemaVersion, data, metadata, occurredAt, position } = log.columns;
  const names = columns.map((column) => column.name);
  const casts = columns.map((column, i) => `$${i + 1}::${column.type}[]`);
  const expected = `$${columns.length + 1}::int[]`;
  const e = (offset: number) => `$${columns.length + 1 + offset}`;
  const updates = columns
    .filter((column) => column !== key)
    .map((column) => `${column.name} = v.${column.name}`)
    .join(', ');
  // Unnested once: the insert and the update each read the changes that concern them.
  return `with v as materialized (
      select * from unnest(${casts.join(', ')}, ${expected}) as v(${names.join(', ')}, expected_version)),
    inserted as (
      insert into ${name} (${names.join(', ')})
      select ${names.map((column) => `v.${column}`).join(', ')} from v
      where v.expected_version = 0
      returning 1),
    updated as (
      update ${name} set ${updates}
      from v
      where ${name}.${key.name} = v.${key.name} and ${name}.${version.name} = v.expected_version
        and v.expected_version > 0
      returning 1),
    appended as (
      insert into ${log.name} (${eventColumns(log)})
      select * from unnest(${e(1)}::${eventId.type}[], ${e(2)}::${streamId.type}[], ${e(3)}::${streamVersion.type}[], ${e(4)}::${type.type}[],
                           ${e(5)}::${schemaVersion.type}[], ${e(6)}::${data.type}[], ${e(7)}::${metadata.type}[], ${e(8)}::${occurredAt.type}[])
      returning ${streamId.name} as stream_id, ${position.name} as position)
    select event_log_expect_saved((select count(*) from inserted)::int + (select count(*) from updated)::int, ${e(9)}::int) as saved,
           coalesce((select json_object_agg(stream_id, head) from
             (select stream_id, max(position)::text as head from appended group by stream_id) heads), '{}') as heads`;
}

/** A batch's rows by key, in one prepared statement whatever the number of keys. */
export function loadManySql(table: AggregateTable): string {
  return `select ${table.columns.map((column) => column.name).join(', ')} from ${table.name} where ${table.key.name} = any($1::${table.key.type}[])`;
}
