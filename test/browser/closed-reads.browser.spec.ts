import type { Browser, BrowserContext } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { launchChromium } from '../support/chromium';
import { VIEWPORT } from '../support/browser-session';
import { DashboardPage } from '../support/dashboard-page';
import { SAMPLE_YEAR, SampleWorld } from '../support/sample-world';
import { TEST_READER_KEY } from '../support/test-config';

/** A stack trace's frame, as Node or a browser writes it: the page must say what went wrong in words instead. */
const STACK_FRAME = /\bat .+:\d+:\d+|\n\s+at\s/;

/**
 * With PUBLIC_READS=false the page asks for a reader credential: it says in words why it shows
 * nothing without one (or with a wrong one), and draws the figures once the reader key is entered.
 * A second instance of the world, without relay or consumers, reading the same indexes.
 */
describe('the dashboard page with closed reads', () => {
  const world = SampleWorld.published();
  let closed: AppProcess;
  let browser: Browser;
  let context: BrowserContext;
  let dashboard: DashboardPage;

  beforeAll(async () => {
    [closed, browser] = await Promise.all([world.startInstance('closed reads', { PUBLIC_READS: 'false' }), launchChromium()]);
    context = await browser.newContext({ viewport: VIEWPORT });
    dashboard = new DashboardPage(await context.newPage(), closed.url);
  });

  afterAll(async () => {
    await browser?.close();
    await world.close();
  });

  /** Totals on screen: none while the service refuses the page's reads. */
  const totalsShown = () => dashboard.page.locator('[data-testid="headline-total"][data-value]').count();
  /** Saves a credential and waits for the page's next answer from GraphQL. */
  const saveCredential = async (credential: string) => {
    await dashboard.testId('reader-credential').fill(credential);
    await Promise.all([
      dashboard.page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST'),
      dashboard.testId('reader-credential-save').click(),
    ]);
  };

  it('shows the credential field and an error in words, refuses a wrong key, and draws the figures with the reader key', async () => {
    await dashboard.page.goto(`${closed.url}/#/?year=${SAMPLE_YEAR}&lang=en`);
    await dashboard.testId('reader-credential').waitFor();
    await dashboard.testId('error-banner').waitFor();
    const refused = { text: await dashboard.testId('error-banner').innerText(), totals: await totalsShown() };
    await dashboard.screenshot('closed-reads-en');

    await saveCredential('not-a-reader-key');
    await dashboard.testId('error-banner').waitFor();
    const wrongKey = { text: await dashboard.testId('error-banner').innerText(), totals: await totalsShown() };

    await saveCredential(TEST_READER_KEY);
    await dashboard.drawn('dashboard', { year: SAMPLE_YEAR });
    const { dashboardSummary } = await world.graphql<{ dashboardSummary: { total: { valueUsd: string } } }>(
      'query($year: Int!) { dashboardSummary(year: $year) { total { valueUsd } } }',
      { year: SAMPLE_YEAR },
      { 'x-api-key': TEST_READER_KEY },
      closed.url,
    );

    for (const state of [refused, wrongKey]) {
      expect(state.text.trim()).not.toBe('');
      expect(state.text).not.toMatch(STACK_FRAME);
      expect(state.totals).toBe(0);
    }
    expect(await dashboard.value('headline-total')).toBe(dashboardSummary.total.valueUsd);
    expect(await dashboard.testId('error-banner').isVisible()).toBe(false);
  });
});
