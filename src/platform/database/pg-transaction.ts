import type { SqlPool as Pool, SqlPoolClient as PoolClient } from './pg-pool';

/**
 * Runs `work` in one transaction on a client of its own: committed if it resolves, rolled back if
 * it throws. A client whose rollback failed too (its connection broke) is destroyed, not returned
 * to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
