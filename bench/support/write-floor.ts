import { Client } from 'pg';
import { BENCH_DATABASE_URL } from './bench-database';

/**
 * What PostgreSQL alone spends on the batch path's rows: the same tables, indexes, checks and row
 * shapes (a snapshot row and a Recorded event per statistic, event ids ordered like UUIDv7),
 * generated inside the server by one INSERT ... SELECT per chunk. No client, protocol, parsing or
 * domain work is counted, so `count` over the elapsed time is the most one PostgreSQL backend can
 * take. The rows are deleted afterwards.
 */
export async function postgresWriteFloor(count: number, chunk: number): Promise<{ elapsedMs: number }> {
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  const run = `floor${Date.now().toString(36)}`;
  try {
    const started = performance.now();
    for (let first = 0; first < count; first += chunk) {
      await client.query(FLOOR_CHUNK, [run, first, Math.min(count, first + chunk) - 1]);
    }
    const elapsedMs = performance.now() - started;
    await client.query(`delete from event_log where stream_id like $1`, [`statistic:${run}-%`]);
    await client.query(`delete from export_statistic where key like $1`, [`${run}-%`]);
    return { elapsedMs };
  } finally {
    await client.end();
  }
}

/**
 * $1 run tag, statistics $2..$3; keys, codes and JSON as long as the real ones. One partner-month
 * that the bench's own statistics never use (they start in 1990): the HS-level rule refuses a
 * second row for a code that partner-month already holds, whatever its key.
 */
const FLOOR_CHUNK = `
  with g as materialized (
    select i, $1 || '-' || lpad(i::text, 10, '0') as key, '85' || lpad((i % 100000000)::text, 8, '0') as hs
    from generate_series($2::int, $3::int) as i),
  snapshot as (
    insert into export_statistic (key, country_code, hs_code, year, month, value_usd, weight_kg, status, version, updated_at)
    select key, 'CN', hs, 1989, 1, 1000 + i % 900000, 10 + i % 5000, 'active', 1, now() from g
    returning 1)
  insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
  select (lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(i), 19, '8'))::uuid,
         'statistic:' || key, 1, 'ExportStatisticRecorded', 1,
         jsonb_build_object('countryCode', 'CN', 'hsCode', hs, 'period', '1989-01',
                            'valueUsd', (1000 + i % 900000)::text || '.00', 'weightKg', (10 + i % 5000)::text || '.000'),
         jsonb_build_object('correlationId', 'bench', 'causationId', null, 'actor', 'bench'), now()
  from g where exists (select from snapshot)`;
