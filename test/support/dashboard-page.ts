import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from './chromium';

/** What `document.body.dataset.drawn` says after each draw: `<view>:<year>-<month>:<counter>`. */
export interface Drawn {
  readonly view: string;
  readonly year: number;
  /** Null when the whole year is on screen. */
  readonly month: number | null;
  readonly counter: number;
}

export interface Row {
  readonly code: string;
  readonly value: string;
  readonly text: string;
}

/**
 * The few browser globals that functions run in the page touch: this project's TypeScript has no
 * DOM library (it is Node code), so they say what they use; `globalThis` is the page's window there.
 */
export interface PageGlobals {
  document: {
    body: { dataset: Record<string, string | undefined> };
    documentElement: { lang: string };
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  browserTestMarker?: string;
}

const DRAWN = /^(\w+):(\d{4})-(\d*|\w*):(\d+)$/;
/** Generous: the machine the tests run on is shared; timed targets are the benchmark's, not these. */
const DRAW_TIMEOUT_MS = 15_000;

export function parseDrawn(value: string | undefined): Drawn | null {
  const match = DRAWN.exec(value ?? '');
  if (!match) return null;
  const month = /^\d+$/.test(match[3]) && Number(match[3]) >= 1 ? Number(match[3]) : null;
  return { view: match[1], year: Number(match[2]), month, counter: Number(match[4]) };
}

/**
 * The dashboard page in a browser tab, read through its test contract (data-testid names,
 * data-value and data-code attributes, body[data-drawn]); never through its CSS or wording.
 */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens `#<path>?year=&month=&lang=` and waits until that view of that period is drawn. */
  async open(path: string, period: { year: number; month?: number }, lang: 'ko' | 'en'): Promise<Drawn> {
    const params = new URLSearchParams({ year: String(period.year), ...(period.month ? { month: String(period.month) } : {}), lang });
    await this.page.goto(`${this.baseUrl}/#${path}?${params}`);
    return this.drawn(viewOf(path), period);
  }

  testId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** The current draw, or null before the first. */
  async current(): Promise<Drawn | null> {
    return parseDrawn((await this.page.locator('body').getAttribute('data-drawn')) ?? undefined);
  }

  /** Waits for a draw of `view` and period, later than draw `after` (a counter) when given. */
  async drawn(view: string, period: { year: number; month?: number }, after = -1, timeoutMs = DRAW_TIMEOUT_MS): Promise<Drawn> {
    const handle = await this.page.waitForFunction(
      ({ pattern, view, year, month, after }) => {
        const { document } = globalThis as unknown as PageGlobals;
        const match = new RegExp(pattern).exec(document.body.dataset.drawn ?? '');
        if (!match || match[1] !== view || Number(match[2]) !== year || Number(match[4]) <= after) return null;
        const shown = /^\d+$/.test(match[3]) && Number(match[3]) >= 1 ? Number(match[3]) : null;
        return shown === month ? document.body.dataset.drawn : null;
      },
      { pattern: DRAWN.source, view, year: period.year, month: period.month ?? null, after },
      { timeout: timeoutMs, polling: 'raf' },
    );
    return parseDrawn((await handle.jsonValue()) as string)!;
  }

  async value(testId: string): Promise<string> {
    const value = await this.testId(testId).getAttribute('data-value');
    if (value === null) throw new Error(`[data-testid=${testId}] has no data-value`);
    return value;
  }

  /** The rows of a ranking table, in the page's order. */
  rows(tableTestId: string): Promise<Row[]> {
    return this.testId(tableTestId)
      .locator('tr[data-code]')
      .evaluateAll((rows) =>
        rows.map((row) => ({ code: row.getAttribute('data-code') ?? '', value: row.getAttribute('data-value') ?? '', text: (row.textContent ?? '').replace(/\s+/g, ' ').trim() })),
      );
  }

  /**
   * The longest bar of a bar chart (drawn by ECharts as SVG, one path per bar): among the chart's
   * paths, those of the one fill that `bars` of them share, the widest. The page ranks its bars,
   * so it stands for the first row of the chart's table.
   */
  async longestBar(chartTestId: string, bars: number): Promise<Locator> {
    const paths = this.testId(chartTestId).locator('svg path');
    const index = await paths.evaluateAll((elements, count) => {
      const shapes = elements.map((element, at) => ({ at, fill: element.getAttribute('fill') ?? '', width: (element as unknown as { getBBox(): { width: number } }).getBBox().width }));
      const byFill = new Map<string, typeof shapes>();
      for (const shape of shapes) byFill.set(shape.fill, [...(byFill.get(shape.fill) ?? []), shape]);
      const group = [...byFill.entries()].find(([fill, members]) => fill !== 'none' && fill !== '' && members.length === count)?.[1] ?? [];
      return group.sort((a, b) => b.width - a.width)[0]?.at ?? -1;
    }, bars);
    if (index < 0) throw new Error(`[data-testid=${chartTestId}] has no ${bars} bars of one fill`);
    return paths.nth(index);
  }

  /**
   * Waits until the headline total reads `value` (its data-value), checking at every frame; answers
   * the page's clock (ms since the epoch) when it saw it, to set against the test's own.
   */
  async totalShown(value: string, timeoutMs: number): Promise<number> {
    const shown = await this.page.waitForFunction(
      (expected) => ((globalThis as unknown as PageGlobals).document.querySelector('[data-testid="headline-total"]')?.getAttribute('data-value') === expected ? Date.now() : null),
      value,
      { timeout: timeoutMs, polling: 'raf' },
    );
    return (await shown.jsonValue()) as number;
  }

  /** A value on the page's window that only survives while no navigation or reload happens. */
  async plantMarker(): Promise<string> {
    const marker = `marker-${Date.now()}`;
    await this.page.evaluate((value) => Object.assign(globalThis, { browserTestMarker: value }), marker);
    return marker;
  }

  marker(): Promise<string | undefined> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).browserTestMarker);
  }

  /** A full-page screenshot under reports/screenshots/. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }
}

function viewOf(path: string): string {
  return path.split('/').filter(Boolean)[0] ?? 'dashboard';
}
