import { Period } from '../../../kernel/period';
import { ImportFirstPublicationHorizon } from './import-first-publication-horizon';

const month = (text: string) => Period.parse(text);
// 2026-12-07 in Korea: December is the current month.
const clock = { now: () => new Date('2026-12-07T03:00:00Z') };

/** The read model's latest month with figures, counting how often it is searched. */
function readModel(latest: string | null) {
  const searched = { count: 0 };
  return {
    searched,
    latestMonthWithFigures: () => {
      searched.count += 1;
      return Promise.resolve(latest === null ? null : month(latest));
    },
  };
}

const imported = (latest: string | null) => ({ latestPublishedMonth: () => Promise.resolve(latest === null ? null : month(latest)) });

describe('the publication horizon: the customs import first, the read model as fallback', () => {
  it('given a month an import brought in, when asked, then that month, even with later figures in the read model, and Elasticsearch is not searched', async () => {
    const figures = readModel('2026-12');
    const horizon = new ImportFirstPublicationHorizon(imported('2026-10'), figures, clock);

    expect((await horizon.publishedThrough())?.toString()).toBe('2026-10');
    expect(figures.searched.count).toBe(0);
  });

  it('given no import of every chapter completed yet, when asked, then the read model\'s latest month with figures', async () => {
    const horizon = new ImportFirstPublicationHorizon(imported(null), readModel('2026-11'), clock);

    expect((await horizon.publishedThrough())?.toString()).toBe('2026-11');
  });

  it('given no import source wired in (the dashboards alone), when asked, then the read model\'s month', async () => {
    const horizon = new ImportFirstPublicationHorizon(null, readModel('2026-09'), clock);

    expect((await horizon.publishedThrough())?.toString()).toBe('2026-09');
  });

  it('given nothing imported and no figures, when asked, then nothing is published', async () => {
    const horizon = new ImportFirstPublicationHorizon(imported(null), readModel(null), clock);

    expect(await horizon.publishedThrough()).toBeNull();
  });

  it.each([
    ['an import', imported('2027-02'), readModel(null)],
    ['the read model', imported(null), readModel('2027-02')],
  ])('given %s answering a month after the current one, when asked, then the current month', async (_, source, figures) => {
    const horizon = new ImportFirstPublicationHorizon(source, figures, clock);

    expect((await horizon.publishedThrough())?.toString()).toBe('2026-12');
  });
});
