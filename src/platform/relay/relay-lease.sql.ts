/**
 * The lease is a session-level advisory lock on the relay's dedicated connection plus the
 * `relay_lease` row naming its holder. Keys are the two-int form (a namespace and the relay
 * name's hash), both kept positive so that pg_locks shows them as they were given.
 */
const LOCK_NAMESPACE = 0x52_45_4c_59; // "RELY"

export function leaseLockKeys(name: string): readonly [number, number] {
  // FNV-1a, 31 bits: stable across processes and releases, unlike any runtime hash.
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [LOCK_NAMESPACE, hash & 0x7fffffff];
}

/**
 * Lock and owner row in ONE statement: there is no moment in which this session holds the lock
 * while the row still names the previous owner's backend, so the takeover below can never
 * mistake a fresh owner for a stale one.
 * $1, $2 lock keys; $3 name; $4 owner id; $5 host; $6 process id.
 */
export const ACQUIRE_SQL = `
  with attempt as (select pg_try_advisory_lock($1::int, $2::int) as acquired)
  insert into relay_lease as lease (name, owner_id, host, process_id, backend_pid, acquired_at, heartbeat_at)
  select $3, $4, $5, $6, pg_backend_pid(), now(), now() from attempt where acquired
  on conflict (name) do update set owner_id = excluded.owner_id, host = excluded.host,
    process_id = excluded.process_id, backend_pid = excluded.backend_pid,
    acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at
  returning owner_id`;

/**
 * Ends the backend of a stale owner: the one that holds the lock AND is named by the lease row
 * AND has not beaten for longer than the timeout. Terminating its session releases the lock and
 * cuts off its connection, through which alone it reads the log and moves the checkpoint, so a
 * paused owner that wakes up later cannot publish past its last confirmed batch or move the
 * checkpoint (see docs/delivery.md, "Lease"). Waits up to 5 s for the backend to exit.
 * $1 name; $2, $3 lock keys; $4 lease timeout in ms.
 */
export const TAKE_OVER_STALE_SQL = `
  select pg_terminate_backend(holder.pid, 5000) as terminated, lease.owner_id, lease.host, lease.process_id
  from relay_lease lease
  join pg_locks holder on holder.locktype = 'advisory' and holder.granted
    and holder.database = (select oid from pg_database where datname = current_database())
    and holder.classid = $2::int::oid and holder.objid = $3::int::oid and holder.objsubid = 2
  where lease.name = $1 and lease.backend_pid = holder.pid
    and lease.heartbeat_at < now() - make_interval(secs => $4::float8 / 1000)`;

/** $1 name; $2 owner id. No row means the lease is no longer ours. */
export const HEARTBEAT_SQL = `
  update relay_lease set heartbeat_at = now()
  where name = $1 and owner_id = $2 and backend_pid = pg_backend_pid()`;
