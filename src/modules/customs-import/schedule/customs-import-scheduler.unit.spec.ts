import { Clock } from '../../../platform/cqrs/clock';
import { CustomsImportScheduler, FiringClaims } from './customs-import-scheduler';
import { ImportSchedule } from './import-schedule';
import { ScheduledFiring, ScheduledImportStarter } from './scheduled-import-starter';

const DAY = 86_400_000;

class MovableClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  override now(): Date {
    return this.instant;
  }

  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

/** The claims' rules without PostgreSQL: the first claim of an occurrence wins until it fails. */
class InMemoryClaims implements FiringClaims {
  readonly rows = new Map<number, { started: boolean; released: boolean }>();

  async claim(occurrence: Date): Promise<boolean> {
    const row = this.rows.get(occurrence.getTime());
    if (row !== undefined && !row.released) return false;
    this.rows.set(occurrence.getTime(), { started: false, released: false });
    return true;
  }

  async started(occurrence: Date): Promise<void> {
    this.rows.set(occurrence.getTime(), { started: true, released: false });
  }

  async failed(occurrence: Date): Promise<void> {
    this.rows.set(occurrence.getTime(), { started: false, released: true });
  }

  async isStarted(occurrence: Date): Promise<boolean> {
    return this.rows.get(occurrence.getTime())?.started ?? false;
  }
}

class RecordingStarter implements ScheduledImportStarter {
  readonly firings: ScheduledFiring[] = [];
  failNext = false;

  async startScheduled(firing: ScheduledFiring): Promise<{ importId: string }> {
    this.firings.push(firing);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unavailable');
    }
    return { importId: `import-${this.firings.length}` };
  }
}

function given(now: string) {
  const clock = new MovableClock(new Date(now));
  const starter = new RecordingStarter();
  const warnings: string[] = [];
  const scheduler = new CustomsImportScheduler(
    ImportSchedule.of('0 6 16 * *', 'Asia/Seoul', 14 * DAY),
    new InMemoryClaims(),
    starter,
    clock,
    { name: 'customs-import', instance: 'a', claimLeaseMs: 60_000, maxSleepMs: 60_000 },
    { info: () => undefined, warn: (message) => warnings.push(message) },
  );
  return { clock, starter, warnings, scheduler };
}

describe('CustomsImportScheduler', () => {
  it('given the 16th at 06:00 in Seoul, when ticked twice, then the previous month is started once with a key of its occurrence', async () => {
    const { starter, scheduler } = given('2026-11-16T06:00:30+09:00');

    const outcomes = [await scheduler.tick(), await scheduler.tick()];

    expect(outcomes).toEqual([
      { kind: 'started', firingKey: 'customs-import@2026-11-15T21:00:00.000Z', month: '2026-10', importId: 'import-1' },
      { kind: 'already-claimed' },
    ]);
    expect(starter.firings.map((firing) => firing.month.toString())).toEqual(['2026-10']);
  });

  it('given a start that fails, when ticked again, then the same occurrence is started with the same key', async () => {
    const { starter, scheduler } = given('2026-11-16T06:01:00+09:00');
    starter.failNext = true;

    const outcomes = [await scheduler.tick(), await scheduler.tick()];

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['failed', 'started']);
    expect(starter.firings.map((firing) => firing.firingKey)).toEqual(['customs-import@2026-11-15T21:00:00.000Z', 'customs-import@2026-11-15T21:00:00.000Z']);
  });

  it('given an instance that starts three weeks after a firing nobody ran, when ticked, then nothing starts and one warning names the month', async () => {
    const { starter, warnings, scheduler } = given('2026-12-07T10:00:00+09:00');

    const outcomes = [await scheduler.tick(), await scheduler.tick()];

    expect(outcomes).toEqual([{ kind: 'missed' }, { kind: 'missed' }]);
    expect(starter.firings).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/firing at 2026-11-15T21:00:00.000Z \(month 2026-10\) was missed beyond CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS/)]);
  });

  it('given a month of ticks, when the clock passes the next 16th, then each occurrence starts exactly once', async () => {
    const { clock, starter, scheduler } = given('2026-11-16T07:00:00+09:00');

    for (let day = 16; day <= 46; day += 1) {
      const date = new Date(Date.UTC(2026, 10, day, 0, 0));
      clock.set(date.toISOString());
      await scheduler.tick();
    }

    expect(starter.firings.map((firing) => firing.month.toString())).toEqual(['2026-10', '2026-11']);
  });
});
