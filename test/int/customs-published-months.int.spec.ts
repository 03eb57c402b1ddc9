import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CustomsPublishedMonths } from '../../src/modules/customs-import';
import { testConfig } from '../support/test-config';

// Which month the customs import says is published, read from its job tables on the real
// PostgreSQL. The jobs are written as rows (the states an import reaches, without running one):
// the workers' transitions have tests of their own, and here only the rule matters. The months are
// in 2090, after any import a real run can have left (an import never reaches past the current
// month), so the baseline is this test's own whatever else the database holds; the dashboards cap
// the answer at the current month, this source does not.

type UnitState = 'pending' | 'fetched' | 'applying' | 'done' | 'refused' | 'dead_lettered' | 'split' | 'cancelled';
type JobState = 'requested' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

interface UnitRow {
  readonly prefix: string;
  readonly months: [string, string];
  readonly state: UnitState;
  readonly parent?: string;
}

interface JobRows {
  readonly state: JobState;
  readonly months: [string, string];
  /** Null: every chapter. */
  readonly hsPrefixes?: string[] | null;
  readonly units: UnitRow[];
}

const unitKeyOf = (unit: Pick<UnitRow, 'prefix' | 'months'>) => `${unit.prefix}:${unit.months[0]}..${unit.months[1]}`;
/** Chapters 01..03 of the months, each in one state: a stand-in for the 96 of a real import. */
const chapters = (months: [string, string], state: UnitState = 'done'): UnitRow[] => ['01', '02', '03'].map((prefix) => ({ prefix, months, state }));

describe('the month the customs import has published', () => {
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const source = new CustomsPublishedMonths(db);
  const baseline: string[] = [];
  const created: string[] = [];

  async function given(job: JobRows, into: string[] = created): Promise<string> {
    const id = randomUUID();
    into.push(id);
    const at = new Date();
    await db.query(
      `insert into customs_import (id, correlation_id, first_month, last_month, hs_prefixes, state, version, requested_by, requested_at, updated_at, finished_at)
       values ($1, $2, $3, $4, $5, $6, 3, 'int-test:published-months', $7, $7, $8)`,
      [id, randomUUID(), job.months[0], job.months[1], job.hsPrefixes ?? null, job.state, at, ['completed', 'failed', 'cancelled'].includes(job.state) ? at : null],
    );
    for (const unit of job.units) {
      await db.query(
        `insert into customs_import_unit (import_id, unit_key, hs_prefix, first_month, last_month, parent_key, state, version, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 2, now())`,
        [id, unitKeyOf(unit), unit.prefix, unit.months[0], unit.months[1], unit.parent ?? null, unit.state],
      );
    }
    return id;
  }

  const latest = async () => (await source.latestPublishedMonth())?.toString() ?? null;

  beforeAll(async () => {
    // A completed import of every chapter of 2090-01: the month every case below starts from.
    await given({ state: 'completed', months: ['2090-01', '2090-01'], units: chapters(['2090-01', '2090-01']) }, baseline);
  });

  afterEach(async () => {
    await db.query('delete from customs_import where id = any($1::uuid[])', [created.splice(0)]);
  });

  afterAll(async () => {
    await db.query('delete from customs_import where id = any($1::uuid[])', [baseline]);
    await db.end();
  });

  it('given a completed import of every chapter of a month, when asked, then that month', async () => {
    expect(await latest()).toBe('2090-01');
  });

  it.each<[string, JobRows]>([
    ['a failed import of every chapter', { state: 'failed', months: ['2090-05', '2090-05'], units: [...chapters(['2090-05', '2090-05']).slice(0, 2), { prefix: '03', months: ['2090-05', '2090-05'], state: 'pending' }] }],
    ['a cancelled import of every chapter', { state: 'cancelled', months: ['2090-05', '2090-05'], units: chapters(['2090-05', '2090-05']) }],
    ['a running import whose units are all done (its completion not yet saved, or reopened by a replay)', { state: 'running', months: ['2090-05', '2090-05'], units: chapters(['2090-05', '2090-05']) }],
    ['a paused import', { state: 'paused', months: ['2090-05', '2090-05'], units: chapters(['2090-05', '2090-05'], 'pending') }],
    ['a requested import (not planned yet)', { state: 'requested', months: ['2090-05', '2090-05'], units: [] }],
    ['a completed import of some HS codes only', { state: 'completed', months: ['2090-05', '2090-05'], hsPrefixes: ['01', '02', '03'], units: chapters(['2090-05', '2090-05']) }],
    ...(['dead_lettered', 'refused', 'cancelled'] as const).map((state): [string, JobRows] => [
      `a completed import of every chapter with a unit ${state}`,
      { state: 'completed', months: ['2090-05', '2090-05'], units: [...chapters(['2090-05', '2090-05']).slice(0, 2), { prefix: '03', months: ['2090-05', '2090-05'], state }] },
    ]),
    ['a completed import of every chapter whose split unit has a part dead-lettered', {
      state: 'completed',
      months: ['2090-05', '2090-05'],
      units: [
        ...chapters(['2090-05', '2090-05']).slice(0, 2),
        { prefix: '03', months: ['2090-05', '2090-05'], state: 'split' },
        { prefix: '0301', months: ['2090-05', '2090-05'], state: 'done', parent: '03:2090-05..2090-05' },
        { prefix: '0302', months: ['2090-05', '2090-05'], state: 'dead_lettered', parent: '03:2090-05..2090-05' },
      ],
    }],
  ])('given %s, for 2090-05, when asked, then the month stays 2090-01', async (_, job) => {
    await given(job);

    expect(await latest()).toBe('2090-01');
  });

  it('given a completed import of every chapter whose split units are done through their parts, when asked, then its month', async () => {
    await given({
      state: 'completed',
      months: ['2090-04', '2090-04'],
      units: [
        ...chapters(['2090-04', '2090-04']).slice(0, 2),
        { prefix: '03', months: ['2090-04', '2090-04'], state: 'split' },
        { prefix: '0301', months: ['2090-04', '2090-04'], state: 'done', parent: '03:2090-04..2090-04' },
        { prefix: '0302', months: ['2090-04', '2090-04'], state: 'done', parent: '03:2090-04..2090-04' },
      ],
    });

    expect(await latest()).toBe('2090-04');
  });

  it('given a completed import of 2090-03..2090-06 whose 2090-06 part of one chapter was dead-lettered, when asked, then 2090-05: its whole months count', async () => {
    await given({
      state: 'completed',
      months: ['2090-03', '2090-06'],
      units: [
        { prefix: '01', months: ['2090-03', '2090-06'], state: 'done' },
        { prefix: '02', months: ['2090-03', '2090-06'], state: 'split' },
        { prefix: '02', months: ['2090-03', '2090-04'], state: 'done', parent: '02:2090-03..2090-06' },
        { prefix: '02', months: ['2090-05', '2090-05'], state: 'done', parent: '02:2090-03..2090-06' },
        { prefix: '02', months: ['2090-06', '2090-06'], state: 'dead_lettered', parent: '02:2090-03..2090-06' },
      ],
    });

    expect(await latest()).toBe('2090-05');
  });

  it('given a later import completed for an earlier month (a back-fill), when asked, then the latest month stays the latest', async () => {
    await given({ state: 'completed', months: ['2089-01', '2089-12'], units: chapters(['2089-01', '2089-12']) });

    expect(await latest()).toBe('2090-01');
  });
});
