import { dashboardPerTest } from '../support/browser-session';
import { DashboardPage } from '../support/dashboard-page';
import { graphqlFigures, sqlNationalTotal, sqlTopPartners } from '../support/dashboard-queries';
import { SAMPLE_YEAR, SampleWorld } from '../support/sample-world';

/** Every way Intl may write an amount of USD for a locale: in full (with or without cents) or compact. */
function usdForms(value: string, locale: string): string[] {
  const format = (options: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', ...options }).format(value as unknown as number);
  return [format({ maximumFractionDigits: 0 }), format({ minimumFractionDigits: 2 }), format({ notation: 'compact', maximumFractionDigits: 1 })];
}

const RENAME = 'mutation($input: RenameProductCategoryInput!) { renameProductCategory(input: $input) { version } }';

/** Rows as codes and exact values only, to compare the page's tables with GraphQL's and PostgreSQL's rankings. */
const pairs = (rows: readonly { code: string; value: string }[]) => rows.map(({ code, value }) => ({ code, value }));

/**
 * The dashboard page in Debian's Chromium, against the built service that projected the sample the
 * CLI seeded (browser-global-setup.ts). What the page shows is read through its test contract
 * (data-testid, data-value, data-code) and compared with GraphQL asked here, and the headline with
 * PostgreSQL's own sums. Each view is photographed into reports/screenshots/.
 */
describe('the dashboard page', () => {
  const world = SampleWorld.published();
  let dashboard: DashboardPage;
  dashboardPerTest(world, (page) => (dashboard = page), { caughtUp: true });

  it('shows the total and the top ten partners and products of GraphQL, and the total is PostgreSQL\'s sum', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'en');
    const partners = await dashboard.rows('top-partners-table');
    const products = await dashboard.rows('top-products-table');
    const expected = await graphqlFigures(world, { year: SAMPLE_YEAR }, products[0]?.code.length ?? 2);
    await dashboard.screenshot('dashboard-en');

    expect(await dashboard.value('headline-total')).toBe(expected.total);
    expect(await dashboard.value('headline-total')).toBe(await sqlNationalTotal(world.db, { year: SAMPLE_YEAR }));
    expect(pairs(partners)).toEqual(pairs(expected.partners));
    expect(pairs(partners)).toEqual(await sqlTopPartners(world.db, SAMPLE_YEAR));
    expect(pairs(products)).toEqual(pairs(expected.products));
    expect(partners).toHaveLength(10);
    expect(await dashboard.testId('trend-chart').locator('canvas, svg').count()).toBeGreaterThan(0);
  });

  it('a month picked in the period picker shows that month\'s figures, without a reload', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'en');
    const marker = await dashboard.plantMarker();
    const before = await dashboard.current();

    await dashboard.testId('period-month').selectOption('3');
    await dashboard.drawn('dashboard', { year: SAMPLE_YEAR, month: 3 }, before!.counter);
    const partners = await dashboard.rows('top-partners-table');
    const expected = await graphqlFigures(world, { year: SAMPLE_YEAR, month: 3 }, 2);

    expect(await dashboard.value('headline-total')).toBe(expected.total);
    expect(await dashboard.value('headline-total')).toBe(await sqlNationalTotal(world.db, { year: SAMPLE_YEAR, month: 3 }));
    expect(pairs(partners)).toEqual(pairs(expected.partners));
    expect(await dashboard.marker()).toBe(marker);
  });

  it('clicking the largest partner\'s bar opens its profile with the figures of countryProfile', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'ko');
    const rows = await dashboard.rows('top-partners-table');

    await (await dashboard.longestBar('top-partners', rows.length)).click();
    await dashboard.drawn('country', { year: SAMPLE_YEAR });
    const { countryProfile } = await world.graphql<{ countryProfile: { countryCode: string; nameKo: string; total: { valueUsd: string } } }>(
      'query($code: String!, $year: Int!) { countryProfile(code: $code, year: $year) { countryCode nameKo total { valueUsd } } }',
      { code: rows[0].code, year: SAMPLE_YEAR },
    );
    await dashboard.screenshot('country-ko');

    expect(dashboard.page.url()).toContain(`#/country/${rows[0].code}`);
    expect(await dashboard.value('country-total')).toBe(countryProfile.total.valueUsd);
    expect(await dashboard.testId('country-page').innerText()).toContain(countryProfile.nameKo);
  });

  it('a partner\'s link in the ranking opens its profile with the figures of countryProfile', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'en');
    const [, second] = await dashboard.rows('top-partners-table');

    await dashboard.testId('top-partners-table').locator(`[data-testid="partner-link"][data-code="${second.code}"]`).click();
    await dashboard.drawn('country', { year: SAMPLE_YEAR });
    const { countryProfile } = await world.graphql<{ countryProfile: { nameEn: string; total: { valueUsd: string } } }>(
      'query($code: String!, $year: Int!) { countryProfile(code: $code, year: $year) { nameEn total { valueUsd } } }',
      { code: second.code, year: SAMPLE_YEAR },
    );
    await dashboard.screenshot('country-en');

    await expect(dashboard.testId('country-page').isVisible()).resolves.toBe(true);
    expect(await dashboard.value('country-total')).toBe(countryProfile.total.valueUsd);
    expect(countryProfile.total.valueUsd).toBe(second.value);
    expect(await dashboard.testId('country-page').innerText()).toContain(countryProfile.nameEn);
  });

  it('is keyboard navigable: Tab reaches the first partner\'s link, and Enter opens its page', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'en');
    const [first] = await dashboard.rows('top-partners-table');
    const focused = () => dashboard.page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement;
      return { testId: active?.getAttribute('data-testid') ?? null, code: active?.getAttribute('data-code') ?? null };
    });

    const visited: string[] = [];
    for (let presses = 0; presses < 80; presses++) {
      await dashboard.page.keyboard.press('Tab');
      const now = await focused();
      visited.push(now.testId ?? '?');
      if (now.testId === 'partner-link') break;
    }
    const reached = await focused();
    await dashboard.page.keyboard.press('Enter');
    await dashboard.drawn('country', { year: SAMPLE_YEAR });

    expect(reached).toEqual({ testId: 'partner-link', code: first.code });
    expect(visited).toEqual(expect.arrayContaining(['period-year', 'period-month', 'lang-ko', 'lang-en']));
    expect(await dashboard.value('country-total')).toBe(first.value);
  });

  it('a product\'s link opens its page, and product search finds a product by a word of its name', async () => {
    await dashboard.open('/', { year: SAMPLE_YEAR }, 'en');
    const [top] = await dashboard.rows('top-products-table');
    const { products } = await graphqlFigures(world, { year: SAMPLE_YEAR }, top.code.length);
    // The catalogue's HS names are English (data/reference); partners have Korean names too.
    const word = products[0].nameEn?.split(/[\s,;()]+/).find((part) => part.length >= 5);

    await dashboard.testId('top-products-table').locator(`[data-testid="product-link"][data-code="${top.code}"]`).click();
    await dashboard.drawn('product', { year: SAMPLE_YEAR });
    await dashboard.screenshot('product-en');
    const productPage = await dashboard.testId('product-page').innerText();
    await dashboard.testId('product-search').fill(word!);
    await dashboard.testId('product-result').first().waitFor();
    const results = await dashboard.testId('product-result').allInnerTexts();
    await dashboard.screenshot('product-search-en');

    expect(products[0].code).toBe(top.code);
    expect(productPage).toContain(products[0].nameEn);
    expect(results.some((text) => text.toLowerCase().includes(word!.toLowerCase()))).toBe(true);
  });

  it('product search finds a product by Korean text inside a word, and shows its Korean name in Korean', async () => {
    // The HS reference has English names only; an operator gives a heading a Korean one through GraphQL.
    const { rows } = await world.db.query<{ key: string; version: number; description_ko: string | null }>(
      `select key, version, description_ko from product_category where level = 4 order by key desc limit 1`,
    );
    const [heading] = rows;
    const nameKo = `시험용한글품목${heading.key}`;
    await world.mutate(RENAME, { input: { hsCode: heading.key, expectedVersion: heading.version, descriptionKo: nameKo } });
    try {
      await world.caughtUp();
      await dashboard.open('/', { year: SAMPLE_YEAR }, 'ko');
      // Korean is found inside words ("한글품목" is in the middle of the name).
      await dashboard.testId('product-search').fill('한글품목');
      await dashboard.page.locator('[data-testid="product-result"]', { hasText: nameKo }).waitFor();
      const results = await dashboard.testId('product-result').allInnerTexts();
      await dashboard.screenshot('product-search-ko');

      expect(results.filter((text) => text.includes(heading.key))).toEqual([expect.stringContaining(nameKo)]);
    } finally {
      await world.mutate(RENAME, { input: { hsCode: heading.key, expectedVersion: heading.version + 1, descriptionKo: heading.description_ko } });
      await world.caughtUp();
    }
  });

  it('renders in Korean and English: names in the chosen language, numbers as Intl formats them for ko-KR and en', async () => {
    const expected = await graphqlFigures(world, { year: SAMPLE_YEAR }, 2);
    const [first] = expected.partners;

    await dashboard.open('/', { year: SAMPLE_YEAR }, 'ko');
    const korean = (await dashboard.rows('top-partners-table'))[0];
    const koreanHeadline = await dashboard.testId('headline-total').innerText();
    await dashboard.screenshot('dashboard-ko');
    const drawn = await dashboard.current();
    await dashboard.testId('lang-en').click();
    await dashboard.drawn('dashboard', { year: SAMPLE_YEAR }, drawn!.counter);
    const english = (await dashboard.rows('top-partners-table'))[0];
    const englishHeadline = await dashboard.testId('headline-total').innerText();

    expect(await dashboard.page.locator('html').getAttribute('lang')).toMatch(/^en/);
    expect(korean.text).toContain(first.nameKo);
    expect(english.text).toContain(first.nameEn);
    expect(english.text).not.toContain(first.nameKo);
    expect(usdForms(first.value, 'ko-KR').some((form) => korean.text.includes(form))).toBe(true);
    expect(usdForms(first.value, 'en').some((form) => english.text.includes(form))).toBe(true);
    expect(usdForms(expected.total, 'ko-KR').some((form) => koreanHeadline.includes(form))).toBe(true);
    expect(usdForms(expected.total, 'en').some((form) => englishHeadline.includes(form))).toBe(true);
  });
});
