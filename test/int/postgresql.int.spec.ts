import { Client } from 'pg';
import { testConfig, uniqueName } from '../support/test-config';

describe('PostgreSQL round trip', () => {
  const config = testConfig();
  const table = uniqueName('rt').replaceAll('-', '_');
  const writer = new Client({ connectionString: config.DATABASE_URL });
  const reader = new Client({ connectionString: config.DATABASE_URL });

  beforeAll(async () => {
    await Promise.all([writer.connect(), reader.connect()]);
    await writer.query(`create table ${table} (id int primary key, label text not null)`);
  });

  afterAll(async () => {
    await writer.query(`drop table if exists ${table}`);
    await Promise.all([writer.end(), reader.end()]);
  });

  it('makes a committed transaction visible to another connection, and only at commit', async () => {
    await writer.query('begin');
    await writer.query(`insert into ${table} values (1, 'committed')`);
    const beforeCommit = await reader.query(`select label from ${table}`);
    await writer.query('commit');
    const afterCommit = await reader.query(`select label from ${table}`);

    expect(beforeCommit.rows).toEqual([]);
    expect(afterCommit.rows).toEqual([{ label: 'committed' }]);
  });

  it('leaves nothing behind from a transaction that fails part-way', async () => {
    await writer.query('begin');
    await writer.query(`insert into ${table} values (2, 'first half')`);
    await expect(writer.query(`insert into ${table} values (1, 'duplicate key')`)).rejects.toThrow(/duplicate key/);
    await writer.query('rollback');

    const { rows } = await reader.query(`select id from ${table} order by id`);
    expect(rows).toEqual([{ id: 1 }]);
  });
});
