import { dashboardPerTest } from '../support/browser-session';
import { DashboardPage } from '../support/dashboard-page';
import { SAMPLE_YEAR, SampleWorld } from '../support/sample-world';

/** A stack trace's frame, as Node or a browser writes it: the page must say what went wrong in words instead. */
const STACK_FRAME = /\bat .+:\d+:\d+|\n\s+at\s/;
/** A year before the sample's first: nothing was exported then, as far as the service knows. */
const EMPTY_YEAR = SAMPLE_YEAR - 2;

/**
 * The page's states besides figures: an empty period says so, and a typed GraphQL error (a year in
 * the future, a country nobody registered) is shown in words with its code, never as a stack.
 */
describe('the dashboard page, empty periods and errors', () => {
  const world = SampleWorld.published();
  let dashboard: DashboardPage;
  dashboardPerTest(world, (page) => (dashboard = page), { caughtUp: false });

  it('a year without figures says it is empty, with the total GraphQL gives', async () => {
    await dashboard.open('/', { year: EMPTY_YEAR }, 'en');
    const { dashboardSummary } = await world.graphql<{ dashboardSummary: { total: { valueUsd: string; statisticCount: number } } }>(
      'query($year: Int!) { dashboardSummary(year: $year) { total { valueUsd statisticCount } } }',
      { year: EMPTY_YEAR },
    );
    await dashboard.screenshot('empty-period-en');

    expect(dashboardSummary.total.statisticCount).toBe(0);
    expect(await dashboard.testId('empty-period').isVisible()).toBe(true);
    expect(await dashboard.value('headline-total')).toBe(dashboardSummary.total.valueUsd);
    expect(await dashboard.rows('top-partners-table')).toEqual([]);
  });

  it.each([
    ['a year after the current month', '/', `{ dashboardSummary(year: 2099) { year } }`, 'ko', 'error-future-ko'],
    ['a country nobody registered', '/country/QQ', `{ countryProfile(code: "QQ", year: ${SAMPLE_YEAR}) { countryCode } }`, 'en', 'error-not-found-en'],
  ] as const)('%s: the typed GraphQL error in words, with its code, not a stack', async (_what, path, query, lang, screenshot) => {
    const year = path === '/' ? 2099 : SAMPLE_YEAR;
    await dashboard.page.goto(`${world.names.url}/#${path}?year=${year}&lang=${lang}`);
    await dashboard.testId('error-banner').waitFor();
    const banner = { code: await dashboard.testId('error-banner').getAttribute('data-code'), text: await dashboard.testId('error-banner').innerText() };
    const { errors } = await world.graphqlBody(query);
    await dashboard.screenshot(screenshot);

    expect(errors).toHaveLength(1);
    expect(banner.code).toBe(errors![0].extensions?.code);
    expect(banner.text).toContain(String(errors![0].extensions?.errorCode));
    expect(banner.text).not.toMatch(STACK_FRAME);
    expect(banner.text.replace(String(errors![0].extensions?.errorCode), '').trim().length).toBeGreaterThan(0);
  });
});
