import { Period } from '../../../kernel/period';
import { CachedPublishedMonth } from './cached-published-month';
import type { PublishedMonthSource } from './published-month-source';

/** A source answering the months (or errors) queued for it, counting the questions. */
class ScriptedSource implements PublishedMonthSource {
  asked = 0;
  private pending: ((value: Period | null) => void)[] = [];

  constructor(private readonly answers: (Period | null | Error | 'wait')[]) {}

  latestPublishedMonth(): Promise<Period | null> {
    this.asked += 1;
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error('asked more often than the test expects');
    if (answer === 'wait') return new Promise((resolve) => this.pending.push(resolve));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  release(value: Period | null): void {
    for (const resolve of this.pending.splice(0)) resolve(value);
  }
}

const month = (text: string) => Period.parse(text);
const text = (period: Period | null) => period?.toString() ?? null;

describe('the published month, cached per instance', () => {
  let now: number;
  const elapsed = () => now;
  beforeEach(() => (now = 1_000));

  it('given an answer younger than the time to live, when asked again, then the source is not asked', async () => {
    const source = new ScriptedSource([month('2026-10'), month('2026-11')]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    const first = await cached.latestPublishedMonth();
    now += 4_999;
    const second = await cached.latestPublishedMonth();

    expect([text(first), text(second), source.asked]).toEqual(['2026-10', '2026-10', 1]);
  });

  it('given an answer as old as the time to live, when asked, then the source is asked again and its new month answered', async () => {
    const source = new ScriptedSource([month('2026-10'), month('2026-11')]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    await cached.latestPublishedMonth();
    now += 5_000;

    expect(text(await cached.latestPublishedMonth())).toBe('2026-11');
    expect(source.asked).toBe(2);
  });

  it('given "nothing published" (null), when asked within the time to live, then null is cached like a month', async () => {
    const source = new ScriptedSource([null]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    expect([await cached.latestPublishedMonth(), await cached.latestPublishedMonth(), source.asked]).toEqual([null, null, 1]);
  });

  it('given a time to live of 0, when asked twice, then the source is asked twice', async () => {
    const source = new ScriptedSource([month('2026-10'), month('2026-11')]);
    const cached = new CachedPublishedMonth(source, 0, elapsed);

    expect([text(await cached.latestPublishedMonth()), text(await cached.latestPublishedMonth())]).toEqual(['2026-10', '2026-11']);
  });

  it('given many readers of an expired answer at once, when the source answers, then it was asked once and all get its month', async () => {
    const source = new ScriptedSource(['wait']);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    const readers = Array.from({ length: 20 }, () => cached.latestPublishedMonth());
    source.release(month('2026-09'));

    expect((await Promise.all(readers)).map(text)).toEqual(Array(20).fill('2026-09'));
    expect(source.asked).toBe(1);
  });

  it('given a refresh that fails after a month was known, when asked, then the known month is answered and the next read asks again', async () => {
    const source = new ScriptedSource([month('2026-10'), new Error('connection terminated'), month('2026-11')]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    await cached.latestPublishedMonth();
    now += 6_000;
    const duringOutage = await cached.latestPublishedMonth();
    const after = await cached.latestPublishedMonth();

    expect([text(duringOutage), text(after), source.asked]).toEqual(['2026-10', '2026-11', 3]);
  });

  it('given nothing known yet, when the source fails, then the failure is the reader\'s and the next read asks again', async () => {
    const source = new ScriptedSource([new Error('connection refused'), month('2026-10')]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    await expect(cached.latestPublishedMonth()).rejects.toThrow('connection refused');
    expect(text(await cached.latestPublishedMonth())).toBe('2026-10');
  });

  it('given a slow refresh, when it lands, then its age counts from when it was asked', async () => {
    const source = new ScriptedSource(['wait', month('2026-11')]);
    const cached = new CachedPublishedMonth(source, 5_000, elapsed);

    const slow = cached.latestPublishedMonth();
    now += 4_000;
    source.release(month('2026-10'));
    await slow;
    now += 1_000;

    expect(text(await cached.latestPublishedMonth())).toBe('2026-11');
  });
});
