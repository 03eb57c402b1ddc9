import type { LogCursor, Sql } from '../../src/platform/event-log/log-cursor';

/**
 * Starts (or moves) a relay's checkpoint at the current head: it will publish what transactions
 * that start writing after this call append, and skip everything older. Tests and benchmarks
 * start their relays here so they publish only their own events.
 */
export async function startCheckpointAtHead(db: Sql, name: string): Promise<LogCursor> {
  const { rows } = await db.query<LogCursor>(
    `insert into relay_checkpoint (name, transaction_id, position) values ($1, pg_current_xact_id(), 0)
     on conflict (name) do update set transaction_id = excluded.transaction_id, position = 0, updated_at = now()
     returning transaction_id::text as "transactionId", position::text as "position"`,
    [name],
  );
  return rows[0];
}

/** Removes a relay's checkpoint and lease, so a test leaves the shared database as it found it. */
export async function deleteRelayState(db: Sql, name: string): Promise<void> {
  await db.query('delete from relay_checkpoint where name = $1', [name]);
  await db.query('delete from relay_lease where name = $1', [name]);
}
