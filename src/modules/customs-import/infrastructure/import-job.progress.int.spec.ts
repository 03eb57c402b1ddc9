import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { LogDoorbell } from '../../../platform/event-log/log-doorbell';
import { testConfig } from '../../../../test/support/test-config';
import { CUSTOMS_IMPORT_PROGRESS, selectImportProgress, type CustomsImportProgress } from '../customs-import.progress';
import { decideJob, newJobProgress } from '../domain/import-job';
import { MonthRange } from '../domain/month-range';
import { ImportJobRepository } from './import-job.repository';

/**
 * The import's transitions reach live subscribers through PostgreSQL NOTIFY, sent in the
 * transaction that saves each one: a transition that lost its compare-and-set (rolled back in
 * effect) says nothing. Real PostgreSQL, a LISTEN connection of its own (a channel of this run).
 */
describe('customs import progress as live updates', () => {
  const config = testConfig();
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
  const live = new LiveUpdates(config, pool);
  const jobs = new ImportJobRepository(pool, live, new LogDoorbell(pool));
  const id = randomUUID();

  beforeAll(() => live.onModuleInit());

  afterAll(async () => {
    await pool.query('delete from customs_import where id = $1', [id]);
    await live.beforeApplicationShutdown();
    await pool.end();
  });

  it('a created job, then each saved transition, is published once; a lost compare-and-set publishes nothing', async () => {
    const stream = live.subscribe(CUSTOMS_IMPORT_PROGRESS, selectImportProgress(id), {});
    const requestedAt = new Date('2026-12-08T01:00:00.000Z');
    const progress = newJobProgress();
    await jobs.create({ id, correlationId: randomUUID(), months: MonthRange.parse('2002-06'), hsPrefixes: ['85'], requestedBy: 'test', requestedAt, updatedAt: requestedAt, progress });
    const planned = decideJob(progress, { type: 'plan' });
    const at = new Date('2026-12-08T01:00:05.000Z');

    const lost = await jobs.saveJob(id, planned, progress.version + 7, at);
    const saved = await jobs.saveJob(id, planned, progress.version, at);
    const messages: CustomsImportProgress[] = [];
    for (let i = 0; i < 2; i++) messages.push((await stream.next()).value as CustomsImportProgress);
    // Nothing more comes: the lost transition sent nothing.
    const third = await Promise.race([stream.next(), new Promise((resolve) => setTimeout(() => resolve('quiet'), 300))]);
    const sizeBefore = live.hub.size;
    await stream.return();

    expect({ lost, saved }).toEqual({ lost: false, saved: true });
    expect(messages).toEqual([
      { importId: id, state: 'REQUESTED', version: progress.version, unit: null, at: requestedAt.toISOString(), missed: 0 },
      { importId: id, state: planned.state.toUpperCase(), version: planned.version, unit: null, at: at.toISOString(), missed: 0 },
    ]);
    expect(third).toBe('quiet');
    expect({ sizeBefore, after: live.hub.size }).toEqual({ sizeBefore: 1, after: 0 });
  });
});
