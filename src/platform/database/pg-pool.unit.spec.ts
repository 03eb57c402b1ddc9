import type { QueryResult } from 'pg';
import { OrmSqlPool, type KnexConnectionPool } from './pg-pool';

/** knex's pool as OrmSqlPool sees it: counts acquires and releases; `waiting` fakes a pending acquire. */
function fakeKnex() {
  const calls = { acquired: 0, released: 0 };
  let waiting = 0;
  const connection = { query: async () => ({ rows: [] }) as unknown as QueryResult, __knex__disposed: undefined as unknown };
  const knex: KnexConnectionPool = {
    acquireConnection: async () => {
      calls.acquired++;
      return connection;
    },
    releaseConnection: async () => void calls.released++,
    pool: { numPendingAcquires: () => waiting },
  };
  return { knex, calls, connection, setWaiting: (count: number) => (waiting = count) };
}

describe('OrmSqlPool', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('given statements back to back, then they reuse the connection just released instead of asking knex each time', async () => {
    const { knex, calls } = fakeKnex();
    const pool = new OrmSqlPool(knex);

    for (let i = 0; i < 5; i++) await pool.query('select 1');

    expect(calls).toEqual({ acquired: 1, released: 0 });
  });

  it('given an idle moment, then the connection goes back to MikroORM\'s pool', async () => {
    const { knex, calls } = fakeKnex();
    const pool = new OrmSqlPool(knex);

    await pool.query('select 1');
    jest.advanceTimersByTime(25);

    expect(calls).toEqual({ acquired: 1, released: 1 });
  });

  it('given someone waiting in MikroORM\'s pool, then a released connection goes back at once', async () => {
    const { knex, calls, setWaiting } = fakeKnex();
    const pool = new OrmSqlPool(knex);
    setWaiting(1);

    await pool.query('select 1');

    expect(calls).toEqual({ acquired: 1, released: 1 });
  });

  it('given a connection released as broken, then it goes back to be destroyed and is not reused', async () => {
    const { knex, calls, connection } = fakeKnex();
    const pool = new OrmSqlPool(knex);

    const client = await pool.connect();
    client.release(new Error('broken'));

    expect(connection.__knex__disposed).toEqual(new Error('broken'));
    expect(calls).toEqual({ acquired: 1, released: 1 });
  });
});
