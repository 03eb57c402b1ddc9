import type { LogCursor, Sql } from '../event-log/log-cursor';

/** The relay's checkpoint; a relay without one starts at the beginning of the log. */
export async function loadCheckpoint(client: Sql, name: string): Promise<LogCursor> {
  await client.query(
    `insert into relay_checkpoint (name, transaction_id, position) values ($1, '0', 0) on conflict (name) do nothing`,
    [name],
  );
  const checkpoint = await readCheckpoint(client, name);
  if (!checkpoint) throw new Error(`relay checkpoint "${name}" is missing right after it was created`);
  return checkpoint;
}

/** The relay's checkpoint as it stands, without creating one (metrics, watermarks). */
export async function readCheckpoint(db: Sql, name: string): Promise<LogCursor | null> {
  const { rows } = await db.query<LogCursor>({
    name: 'relay-read-checkpoint',
    text: `select transaction_id::text as "transactionId", position::text as "position" from relay_checkpoint where name = $1`,
    values: [name],
  });
  return rows[0] ?? null;
}

/**
 * Moves the checkpoint from `from` to `to`, only if it still is at `from` and this session still
 * holds the lease (compare-and-set). False means another relay moved it or took the lease: the
 * caller must stop relaying.
 */
export async function advanceCheckpoint(
  client: Sql,
  name: string,
  ownerId: string,
  from: LogCursor,
  to: LogCursor,
): Promise<boolean> {
  const { rowCount } = await client.query({
    name: 'relay-advance-checkpoint',
    text: `update relay_checkpoint set transaction_id = $4::xid8, position = $5::bigint, updated_at = now()
           where name = $1 and transaction_id = $2::xid8 and position = $3::bigint
             and exists (select from relay_lease where name = $1 and owner_id = $6 and backend_pid = pg_backend_pid())`,
    values: [name, from.transactionId, from.position, to.transactionId, to.position, ownerId],
  });
  return rowCount === 1;
}
