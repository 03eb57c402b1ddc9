import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { APP_CONFIG } from '../../src/config/app-config';
import { CustomsImportScheduleModule } from '../../src/modules/customs-import';
import { PG_POOL } from '../../src/platform/database/pg-pool';
import { CustomsImportScheduler, TickOutcome } from '../../src/modules/customs-import/schedule/customs-import-scheduler';
import { ImportSchedule } from '../../src/modules/customs-import/schedule/import-schedule';
import { ScheduledFiring, ScheduledImportStarter } from '../../src/modules/customs-import/schedule/scheduled-import-starter';
import { ScheduleFirings } from '../../src/modules/customs-import/schedule/schedule-firings';
import { Clock } from '../../src/platform/cqrs/clock';
import { testConfig, uniqueName } from '../support/test-config';

const DAY = 86_400_000;
const OCCURRENCE = new Date('2026-11-15T21:00:00Z'); // 2026-11-16 06:00 in Seoul

class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  override now(): Date {
    return this.instant;
  }
}

/** The job service's side, shared by every instance: it counts starts, and can be made slow or failing. */
class SharedStarter implements ScheduledImportStarter {
  readonly calls: ScheduledFiring[] = [];
  failures = 0;

  async startScheduled(firing: ScheduledFiring): Promise<{ importId: string }> {
    this.calls.push(firing);
    // Yield to the event loop so the other instances' ticks interleave with this start.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('job table unavailable');
    }
    return { importId: `import-${this.calls.length}` };
  }
}

describe('customs import schedule across instances (PostgreSQL)', () => {
  const config = testConfig();
  const admin = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
  const pools: Pool[] = [admin];
  const name = uniqueName('schedule');

  function instance(id: string, starter: ScheduledImportStarter, now: Date, claimLeaseMs = 60_000): CustomsImportScheduler {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    pools.push(pool);
    return new CustomsImportScheduler(
      ImportSchedule.of('0 6 16 * *', 'Asia/Seoul', 14 * DAY),
      new ScheduleFirings(pool, name, id),
      starter,
      new FixedClock(now),
      { name, instance: id, claimLeaseMs, maxSleepMs: 60_000 },
      { info: () => undefined, warn: () => undefined },
    );
  }

  async function firings(): Promise<Record<string, unknown>[]> {
    const { rows } = await admin.query(
      `select occurrence, month, claimed_by, attempts, started_at is not null as started, import_id, last_error
         from customs_import_schedule_firing where schedule = $1 order by occurrence`,
      [name],
    );
    return rows;
  }

  afterEach(async () => {
    await admin.query('delete from customs_import_schedule_firing where schedule = $1', [name]);
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('given two instances ticking at once, twenty times each, then the occurrence starts exactly once, and an instance started days later starts nothing', async () => {
    const starter = new SharedStarter();
    const now = new Date(OCCURRENCE.getTime() + 60_000);
    const [a, b] = [instance('a', starter, now), instance('b', starter, now)];

    const outcomes: TickOutcome[] = (await Promise.all(Array.from({ length: 20 }, () => [a.tick(), b.tick()]).flat())).flat();
    // Long after the claim's lease: a started firing is never taken over.
    await admin.query("update customs_import_schedule_firing set claimed_at = now() - interval '1 day' where schedule = $1", [name]);
    const restarted = await instance('c', starter, new Date(OCCURRENCE.getTime() + 3 * DAY)).tick();

    expect(starter.calls.map((call) => [call.month.toString(), call.firingKey])).toEqual([['2026-10', `${name}@2026-11-15T21:00:00.000Z`]]);
    expect(outcomes.filter((outcome) => outcome.kind === 'started')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'already-claimed')).toHaveLength(39);
    expect(restarted).toEqual({ kind: 'already-claimed' });
    expect(await firings()).toEqual([
      { occurrence: OCCURRENCE, month: '2026-10', claimed_by: expect.stringMatching(/^[ab]$/), attempts: 1, started: true, import_id: 'import-1', last_error: null },
    ]);
  });

  it('given a start that failed on one instance, when the other ticks, then it starts the same occurrence and the failure is cleared', async () => {
    const starter = new SharedStarter();
    starter.failures = 1;
    const now = new Date(OCCURRENCE.getTime() + 60_000);

    const first = await instance('a', starter, now).tick();
    const afterFailure = await firings();
    const second = await instance('b', starter, now).tick();

    expect([first.kind, second.kind]).toEqual(['failed', 'started']);
    expect(afterFailure).toEqual([expect.objectContaining({ claimed_by: 'a', started: false, last_error: 'job table unavailable' })]);
    expect(await firings()).toEqual([expect.objectContaining({ claimed_by: 'b', attempts: 2, started: true, import_id: 'import-2', last_error: null })]);
    expect(new Set(starter.calls.map((call) => call.firingKey)).size).toBe(1);
  });

  it('given a claim whose instance died before starting, when another ticks within the lease and after it, then it waits and then takes over', async () => {
    const starter = new SharedStarter();
    const now = new Date(OCCURRENCE.getTime() + 60_000);
    await admin.query(
      `insert into customs_import_schedule_firing (schedule, occurrence, month, claimed_by, claimed_at)
       values ($1, $2, '2026-10', 'dead', now() - interval '2 minutes')`,
      [name, OCCURRENCE],
    );

    const withinLease = await instance('b', starter, now, 10 * 60_000).tick();
    const afterLease = await instance('b', starter, now, 60_000).tick();
    const again = await instance('c', starter, now, 60_000).tick();

    expect([withinLease.kind, afterLease.kind, again.kind]).toEqual(['already-claimed', 'started', 'already-claimed']);
    expect(await firings()).toEqual([expect.objectContaining({ claimed_by: 'b', attempts: 2, started: true })]);
  });

  it('given an occurrence past the catch-up window that nobody fired, when ticked, then nothing is claimed or started', async () => {
    const starter = new SharedStarter();

    const outcome = await instance('a', starter, new Date(OCCURRENCE.getTime() + 15 * DAY)).tick();

    expect(outcome).toEqual({ kind: 'missed' });
    expect(starter.calls).toEqual([]);
    expect(await firings()).toEqual([]);
  });
});

@Injectable()
class JobServiceStandIn extends SharedStarter {}

describe('CustomsImportScheduleModule in a Nest application', () => {
  const config = testConfig({ CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'true' });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });

  afterAll(async () => {
    await pool.query("delete from customs_import_schedule_firing where schedule = 'customs-import' and occurrence = $1", [OCCURRENCE]);
    await pool.end();
  });

  it('given the schedule enabled and the job service bound as its starter, when the app starts a minute after a firing, then the service is asked once', async () => {
    @Global()
    // What the application's global modules give every module: the config, the pool and the one Clock.
    @Module({
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: PG_POOL, useValue: pool }, Clock],
      exports: [APP_CONFIG, PG_POOL, Clock],
    })
    class PlatformStandIn {}
    @Module({ providers: [JobServiceStandIn], exports: [JobServiceStandIn] })
    class JobModule {}
    await pool.query("delete from customs_import_schedule_firing where schedule = 'customs-import' and occurrence = $1", [OCCURRENCE]);

    const moduleRef = await Test.createTestingModule({
      imports: [PlatformStandIn, CustomsImportScheduleModule.register({ imports: [JobModule], starter: JobServiceStandIn })],
    })
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date(OCCURRENCE.getTime() + 60_000)))
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    const service = moduleRef.get(JobServiceStandIn);
    // The host's first tick runs at bootstrap; polling its effect keeps the test free of timed assertions.
    while (service.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await moduleRef.close();

    expect(service.calls.map((call) => call.firingKey)).toEqual(['customs-import@2026-11-15T21:00:00.000Z']);
  });
});
