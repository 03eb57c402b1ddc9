import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import { DashboardPage } from './dashboard-page';
import type { SampleWorld } from './sample-world';

export const VIEWPORT = { width: 1280, height: 900 };

/**
 * The hooks a page suite shares: one Chromium for the file; per test a new context (empty cache,
 * nothing stored) whose page is handed to `onPage`, after the read model passed the log's head
 * when `caughtUp`; at the end the browser and the world's connections closed.
 */
export function dashboardPerTest(world: SampleWorld, onPage: (dashboard: DashboardPage) => void, { caughtUp }: { readonly caughtUp: boolean }): void {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  beforeEach(async () => {
    if (caughtUp) await world.caughtUp();
    context = await browser.newContext({ viewport: VIEWPORT });
    onPage(new DashboardPage(await context.newPage(), world.names.url));
  });

  afterEach(async () => {
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await world.close();
  });
}
