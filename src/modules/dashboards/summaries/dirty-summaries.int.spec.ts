import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { testConfig } from '../../../../test/support/test-config';
import { openWriteSide, type WriteSide } from '../../../../test/support/write-side';
import { TouchedScopes } from '../domain/summary-scopes';
import { DirtySummaries, type DirtyRow } from './dirty-summaries';

const scopes = (...entries: [period: string, scope: string][]) => {
  const touched = new TouchedScopes();
  for (const [period, scope] of entries) touched.add(period, scope);
  return touched;
};

const sorted = (rows: readonly DirtyRow[]) => [...rows].sort((a, b) => `${a.target}${a.period}${a.scope}`.localeCompare(`${b.target}${b.period}${b.scope}`));

describe('DirtySummaries, the append-only summary queue (real PostgreSQL)', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 4 });
  // A prefix of its own: the queue is shared with every other test and a running app.
  const queue = new DirtySummaries(db, `dirty-int-${randomBytes(4).toString('hex')}`);

  afterEach(() => queue.deleteAll());
  afterAll(() => db.end());

  it('given repeated marks, when a flush takes them, then it gets each summary once and the queue is empty after', async () => {
    await queue.mark('live', scopes(['2026-08', 'total'], ['2026-08', 'country-CN']));
    await queue.mark('live', scopes(['2026-08', 'total']));
    const received: DirtyRow[] = [];

    const taken = await queue.take(await queue.head(), 100, async (rows) => void received.push(...rows));

    expect(taken).toBe(3);
    expect(sorted(received)).toEqual([
      { target: 'live', period: '2026-08', scope: 'country-CN' },
      { target: 'live', period: '2026-08', scope: 'total' },
    ]);
    expect(await queue.count()).toBe(0);
  });

  it('given marks of three months, when a round takes two months, then it takes every mark of those two and leaves the third', async () => {
    for (let i = 0; i < 3; i++) await queue.mark('live', scopes(['2026-06', 'total'], ['2026-07', 'total'], ['2026-08', 'total']));
    const received: DirtyRow[] = [];

    const taken = await queue.take(await queue.head(), 2, async (rows) => void received.push(...rows));

    expect(taken).toBe(6);
    expect(sorted(received)).toEqual([
      { target: 'live', period: '2026-06', scope: 'total' },
      { target: 'live', period: '2026-07', scope: 'total' },
    ]);
    expect(await queue.count()).toBe(3);
  });

  it('given a recomputation that fails, when the flush ends, then its marks are still queued', async () => {
    await queue.mark('v2', scopes(['2026-07', 'hs-85'], ['2026-08', 'hs-85']));

    const failing = queue.take(await queue.head(), 100, () => Promise.reject(new Error('Elasticsearch is away')));

    await expect(failing).rejects.toThrow('Elasticsearch is away');
    expect(await queue.count()).toBe(2);
  });

  it('given a mark made while a flush recomputes, when the flush commits, then that mark stays for the next flush', async () => {
    await queue.mark('live', scopes(['2026-08', 'total']));
    const head = await queue.head();

    await queue.take(head, 100, () => queue.mark('live', scopes(['2026-08', 'country-US'])));

    const next: DirtyRow[] = [];
    await queue.take(await queue.head(), 100, async (rows) => void next.push(...rows));
    expect(next).toEqual([{ target: 'live', period: '2026-08', scope: 'country-US' }]);
  });

  it('given a head read earlier, when marks come after it, then a flush up to that head leaves them', async () => {
    await queue.mark('live', scopes(['2026-08', 'total']));
    const head = await queue.head();
    await queue.mark('live', scopes(['2026-09', 'total']));

    const received: DirtyRow[] = [];
    await queue.take(head, 100, async (rows) => void received.push(...rows));

    expect(received).toEqual([{ target: 'live', period: '2026-08', scope: 'total' }]);
    expect(await queue.count()).toBe(1);
  });

  it('given two flushes at once, when the second meets marks the first is taking, then it waits and leaves them to the first', async () => {
    await queue.mark('live', scopes(['2026-08', 'total'], ['2026-08', 'hs-85']));
    const head = await queue.head();
    let release!: () => void;
    const firstHolds = new Promise<void>((resolve) => (release = resolve));
    const first: DirtyRow[] = [];
    const second: DirtyRow[] = [];
    let secondDone = false;

    const firstFlush = queue.take(head, 100, async (rows) => {
      first.push(...rows);
      await firstHolds;
    });
    await waitUntil(() => first.length > 0);
    const secondFlush = queue.take(head, 100, async (rows) => void second.push(...rows)).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const secondWaited = !secondDone;
    release();
    await Promise.all([firstFlush, secondFlush]);

    expect(secondWaited).toBe(true);
    expect(first).toHaveLength(2);
    expect(second).toEqual([]);
    expect(await queue.count()).toBe(0);
  });
});

describe('DirtySummaries on the application pool, whose transactions the server ends when left idle', () => {
  let side: WriteSide;
  let queue: DirtySummaries;

  beforeAll(async () => {
    side = await openWriteSide(testConfig({ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000' }), 4);
    queue = new DirtySummaries(side.pool, `dirty-int-${randomBytes(4).toString('hex')}`);
  });
  afterEach(() => queue.deleteAll());
  afterAll(() => side.close());

  it('given a flush stalled mid-recomputation (its instance frozen), when another flush meets its marks, then it takes them once the server ends the stalled transaction', async () => {
    await queue.mark('live', scopes(['2026-08', 'total'], ['2026-08', 'hs-85']));
    const head = await queue.head();
    let thaw!: () => void;
    const frozen = new Promise<void>((resolve) => (thaw = resolve));
    const stalled: DirtyRow[] = [];
    const stalledFlush = queue.take(head, 100, async (rows) => {
      stalled.push(...rows);
      await frozen;
    });
    stalledFlush.catch(() => undefined);
    await waitUntil(() => stalled.length > 0);

    const healthy: DirtyRow[] = [];
    const taken = await queue.take(head, 100, async (rows) => void healthy.push(...rows));
    thaw();

    expect(taken).toBe(2);
    expect(sorted(healthy)).toEqual(sorted(stalled));
    // The stalled flush learns on commit that its transaction is gone; its marks were never deleted twice.
    await expect(stalledFlush).rejects.toThrow();
    expect(await queue.count()).toBe(0);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error('condition not met within 2 s');
}
