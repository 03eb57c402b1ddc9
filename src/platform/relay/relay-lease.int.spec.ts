import { Client } from 'pg';
import { testConfig, uniqueName } from '../../../test/support/test-config';
import { deleteRelayState } from '../../../test/support/relay-state';
import { advanceCheckpoint, loadCheckpoint } from './relay-checkpoint';
import { LeaseLostError, RelayLease } from './relay-lease';

describe('relay lease (int)', () => {
  const config = testConfig();
  const name = uniqueName('test-lease');
  const settings = { name, databaseUrl: config.DATABASE_URL, leaseTimeoutMs: 1000, connectTimeoutMs: 5000 };
  const leases: RelayLease[] = [];
  const db = new Client({ connectionString: config.DATABASE_URL });
  const lease = () => {
    const created = new RelayLease(settings);
    leases.push(created);
    return created;
  };

  beforeAll(() => db.connect());

  afterEach(async () => {
    await Promise.all(leases.splice(0).map((held) => held.release()));
    await deleteRelayState(db, name);
  });

  afterAll(() => db.end());

  it('is held by one session at a time and passes on when released', async () => {
    const first = lease();
    const second = lease();

    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    await first.beat();
    expect(await second.tryAcquire()).toBe(false);

    await first.release();
    expect(await second.tryAcquire()).toBe(true);
    const { rows } = await db.query('select owner_id, backend_pid from relay_lease where name = $1', [name]);
    expect(rows).toEqual([{ owner_id: second.ownerId, backend_pid: expect.any(Number) }]);
  });

  it('takes over from an owner whose heartbeat is stale while its session still holds the lock, and fences it off', async () => {
    const stale = lease();
    expect(await stale.tryAcquire()).toBe(true);
    const checkpoint = await loadCheckpoint(stale.sql, name);
    const staleSql = stale.sql;
    // The owner stops beating (a paused process) but its session stays open.
    await db.query(`update relay_lease set heartbeat_at = now() - interval '5 seconds' where name = $1`, [name]);
    const successor = lease();

    expect(await successor.tryAcquire()).toBe(true);

    expect(stale.isHeld).toBe(false);
    await expect(staleSql.query('select 1')).rejects.toThrow();
    await expect(stale.beat()).rejects.toBeInstanceOf(LeaseLostError);
    expect(await advanceCheckpoint(successor.sql, name, successor.ownerId, checkpoint, { transactionId: '5', position: '5' })).toBe(true);
  });

  it('does not take over from an owner that beats', async () => {
    const owner = lease();
    expect(await owner.tryAcquire()).toBe(true);
    const contender = lease();

    await new Promise((resolve) => setTimeout(resolve, 1200));
    await owner.beat();

    expect(await contender.tryAcquire()).toBe(false);
    expect(owner.isHeld).toBe(true);
  });

  it('refuses a checkpoint move from a session that no longer matches the lease row, or from a stale position', async () => {
    const owner = lease();
    expect(await owner.tryAcquire()).toBe(true);
    const start = await loadCheckpoint(owner.sql, name);
    const next = { transactionId: '10', position: '3' };

    expect(await advanceCheckpoint(owner.sql, name, 'someone-else', start, next)).toBe(false);
    expect(await advanceCheckpoint(owner.sql, name, owner.ownerId, start, next)).toBe(true);
    expect(await advanceCheckpoint(owner.sql, name, owner.ownerId, start, { transactionId: '11', position: '1' })).toBe(false);
    expect(await loadCheckpoint(owner.sql, name)).toEqual(next);
  });
});
