import { Pool } from 'pg';
import { CustomsCallGate } from '../../src/modules/customs-import/infrastructure/customs-call-gate';
import { testConfig, uniqueName } from '../support/test-config';

// The quota counter and the concurrency slots on the real PostgreSQL, as several instances share them.

const NOW = new Date('2026-12-07T14:30:00Z'); // 23:30 in Seoul
const AFTER_MIDNIGHT_IN_SEOUL = new Date('2026-12-07T15:00:00Z');

describe('CustomsCallGate', () => {
  const prefix = uniqueName('test').toLowerCase();
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: testConfig().DATABASE_URL, max: 8 });
  });

  afterAll(async () => {
    await pool.query('delete from customs_quota_day where scope = $1', [prefix]);
    await pool.query('delete from customs_rate where scope = $1', [prefix]);
    await pool.end();
  });

  const gate = (overrides: Record<string, string>) => new CustomsCallGate(pool, testConfig({ BROKER_PREFIX: prefix, ...overrides }));

  it('given a quota of 3 shared by two instances, when 5 calls are asked for at once, then 3 are allowed; a new day in Seoul allows again', async () => {
    const instances = [gate({ CUSTOMS_DAILY_QUOTA: '3' }), gate({ CUSTOMS_DAILY_QUOTA: '3' })];

    const taken = await Promise.all([0, 1, 2, 3, 4].map((i) => instances[i % 2].takeQuota(NOW)));

    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await instances[0].quotaUsed(NOW)).toBe(3);
    expect(instances[0].quotaDay(NOW)).toBe('2026-12-07');
    expect(instances[0].quotaDay(AFTER_MIDNIGHT_IN_SEOUL)).toBe('2026-12-08');
    expect(await instances[1].takeQuota(AFTER_MIDNIGHT_IN_SEOUL)).toBe(true);
  });

  it('given a concurrency of 2 across two instances, when 8 calls run, then never more than 2 at once, and each runs', async () => {
    const instances = [gate({ CUSTOMS_CONCURRENCY: '2', CUSTOMS_CALLS_PER_SECOND: '1000' }), gate({ CUSTOMS_CONCURRENCY: '2', CUSTOMS_CALLS_PER_SECOND: '1000' })];
    let running = 0;
    let most = 0;
    const call = async (): Promise<number> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 100));
      running -= 1;
      return 1;
    };

    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => instances[i % 2].throttled(call)));

    expect(results).toEqual(Array(8).fill(1));
    expect(most).toBe(2);
  });
});
