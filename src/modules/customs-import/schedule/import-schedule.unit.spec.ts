import fc from 'fast-check';
import { Clock } from '../../../platform/cqrs/clock';
import { ImportSchedule } from './import-schedule';

const DAY = 86_400_000;
const DEFAULT = ImportSchedule.of('0 6 16 * *', 'Asia/Seoul', 14 * DAY);

/** A clock that says what the test wants; the scheduler reads time only through a Clock. */
class FixedClock extends Clock {
  constructor(private readonly instant: string) {
    super();
  }

  override now(): Date {
    return new Date(this.instant);
  }
}

function decisionAt(schedule: ImportSchedule, instant: string) {
  const decision = schedule.decide(new FixedClock(instant).now());
  return decision.kind === 'none' ? decision : { kind: decision.kind, occurrence: decision.occurrence.toISOString(), month: decision.month.toString() };
}

describe('ImportSchedule', () => {
  it.each([
    ['at 06:00 KST on the 16th itself', '2026-11-16T06:00:00+09:00', { kind: 'due', occurrence: '2026-11-15T21:00:00.000Z', month: '2026-10' }],
    ['thirteen days later (an outage)', '2026-11-29T06:00:00+09:00', { kind: 'due', occurrence: '2026-11-15T21:00:00.000Z', month: '2026-10' }],
    ['exactly at the end of the catch-up window', '2026-11-30T06:00:00+09:00', { kind: 'due', occurrence: '2026-11-15T21:00:00.000Z', month: '2026-10' }],
    ['a millisecond past the window', '2026-11-30T06:00:00.001+09:00', { kind: 'missed', occurrence: '2026-11-15T21:00:00.000Z', month: '2026-10' }],
    ['a minute before the firing', '2026-11-16T05:59:00+09:00', { kind: 'missed', occurrence: '2026-10-15T21:00:00.000Z', month: '2026-09' }],
    ['in January', '2027-01-16T07:00:00+09:00', { kind: 'due', occurrence: '2027-01-15T21:00:00.000Z', month: '2026-12' }],
  ])('given the default schedule, when the clock says %s, then it decides', (_, now, expected) => {
    expect(decisionAt(DEFAULT, now)).toEqual(expected);
  });

  it('given a firing on the 1st at 01:00 in Seoul (still the previous month in UTC), when due, then the month is the one before the Seoul month', () => {
    const schedule = ImportSchedule.of('0 1 1 * *', 'Asia/Seoul', DAY);

    expect(decisionAt(schedule, '2026-11-30T16:30:00Z')).toEqual({ kind: 'due', occurrence: '2026-11-30T16:00:00.000Z', month: '2026-11' });
  });

  it('given the same expression in UTC, when the clock is at 06:00 UTC on the 16th, then that instant is the occurrence', () => {
    const schedule = ImportSchedule.of('0 6 16 * *', 'UTC', 14 * DAY);

    expect(decisionAt(schedule, '2026-11-16T06:00:00Z')).toEqual({ kind: 'due', occurrence: '2026-11-16T06:00:00.000Z', month: '2026-10' });
    expect(schedule.nextAfter(new Date('2026-11-16T06:00:00Z')).toISOString()).toBe('2026-12-16T06:00:00.000Z');
  });

  it('given no catch-up window, when a millisecond late, then the occurrence is missed', () => {
    const schedule = ImportSchedule.of('0 6 16 * *', 'Asia/Seoul', 0);

    expect(decisionAt(schedule, '2026-11-16T06:00:00+09:00').kind).toBe('due');
    expect(decisionAt(schedule, '2026-11-16T06:00:00.001+09:00').kind).toBe('missed');
  });

  it('given an expression cron-parser refuses, when built, then it throws', () => {
    expect(() => ImportSchedule.of('0 25 16 * *', 'Asia/Seoul', DAY)).toThrow();
  });

  it('given any instant, when asked, then the latest occurrence is at or before it and the next one after it, with none in between', () => {
    const schedules = ['0 6 16 * *', '30 2 * * 1', '0 0 1 1,7 *', '*/15 * * * *'].map((cron) => ImportSchedule.of(cron, 'Asia/Seoul', DAY));
    fc.assert(
      fc.property(fc.constantFrom(...schedules), fc.date({ min: new Date('2020-01-01Z'), max: new Date('2035-01-01Z'), noInvalidDate: true }), (schedule, now) => {
        const latest = schedule.latestAtOrBefore(now);
        expect(latest).toBeDefined();
        const next = schedule.nextAfter(now);
        expect(latest!.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(schedule.nextAfter(latest!).getTime()).toBe(next.getTime());
      }),
      { numRuns: 100 },
    );
  });
});
