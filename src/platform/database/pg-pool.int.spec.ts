import { Pool } from 'pg';
import { ExportStatisticRecord } from '../../modules/statistics/infrastructure/export-statistic.entity';
import { aStatisticInput, deleteStatistics, keyOf } from '../../../test/support/statistic-builders';
import { testConfig } from '../../../test/support/test-config';
import { openWriteSide, type WriteSide } from '../../../test/support/write-side';
import type { AggregateChange } from '../event-log/aggregate-store';

const METADATA = { correlationId: 'pg-pool-int', causationId: null, actor: 'test' };
const AT = new Date('2026-09-01T00:00:00Z');

function aNewStatistic(key: string): AggregateChange<ExportStatisticRecord> {
  const [countryCode, hsCode, year, month] = key.split('-');
  return {
    streamId: `statistic:${key}`,
    expectedVersion: 0,
    row: { key, countryCode, hsCode, year: Number(year), month: Number(month), valueUsd: '1.00', weightKg: '1.000', status: 'active', version: 1, updatedAt: AT },
    events: [{ type: 'ExportStatisticRecorded', schemaVersion: 1, data: {} }],
  };
}

describe('OrmSqlPool, raw SQL on MikroORM\'s pool (real PostgreSQL)', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const created: string[] = [];
  let writeSide: WriteSide;

  beforeAll(async () => {
    // Two connections for everything: MikroORM's loads, the write path, transactions, the doorbell.
    writeSide = await openWriteSide(testConfig(), 2);
  });

  afterAll(async () => {
    await deleteStatistics(db, created);
    await db.end();
    await writeSide.close();
  });

  it('given two connections, when far more saves, loads and transactions run at once, then every one finishes', async () => {
    const { store, orm, pool } = writeSide;
    const keys = Array.from({ length: 60 }, () => keyOf(aStatisticInput()));
    created.push(...keys);
    const inTransaction = async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('select pg_sleep(0.01)');
        await client.query('commit');
      } finally {
        client.release();
      }
    };

    const work = [
      ...keys.map((key) => store.save(ExportStatisticRecord, aNewStatistic(key), METADATA, AT)),
      ...keys.map((key) => orm.em.fork().findOne(ExportStatisticRecord, { key })),
      ...Array.from({ length: 20 }, inTransaction),
    ];
    const settled = await Promise.allSettled(work);

    expect(settled.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const { rows } = await db.query('select count(*)::int as saved from export_statistic where key = any($1::text[])', [keys]);
    expect(rows).toEqual([{ saved: keys.length }]);
  });

  it('gives raw SQL node-postgres\' own types (Dates, not MikroORM\'s timestamp strings) while the entity manager hydrates as before', async () => {
    const key = keyOf(aStatisticInput());
    created.push(key);
    await writeSide.store.save(ExportStatisticRecord, aNewStatistic(key), METADATA, AT);

    const { rows } = await writeSide.pool.query<{ updated_at: unknown }>('select updated_at from export_statistic where key = $1', [key]);
    const record = await writeSide.orm.em.fork().findOneOrFail(ExportStatisticRecord, { key });

    expect(rows).toEqual([{ updated_at: AT }]);
    expect(record.updatedAt).toEqual(AT);
  });

  it('does not hand out again a connection released as broken', async () => {
    const client = await writeSide.pool.connect();
    const { rows: before } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    client.release(new Error('broken'));

    const pids = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const next = await writeSide.pool.connect();
        try {
          return (await next.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
        } finally {
          next.release();
        }
      }),
    );

    expect(pids).not.toContain(before[0].pid);
  });
});
