import { drawBars, drawMonthly } from '../charts';
import { h, replace } from '../dom';
import { count, displayName, percent } from '../format';
import { query } from '../graphql';
import { words } from '../i18n';
import { trendRange } from '../period';
import { type Consistency, COUNTRY, type CountryData } from '../queries';
import { linkTo } from '../route';
import { allFresh } from './dashboard-view';
import type { PageView, ViewContext } from './view';
import { figureCard, fillAmount, fillCagr, fillGrowth, fillText, monthLabels, monthlyTable, monthsOf, rankingTable, section } from './widgets';

/** One partner country in the year on screen (countryProfile): totals, growth, months, products. */
export function countryView(context: ViewContext, code: string): PageView {
  const { route, year } = context;
  const lang = route.lang;
  const w = words(lang);
  const title = h('h2', { class: 'view-title' }, code);
  const subtitle = h('p', { class: 'muted' });
  const total = figureCard('country-total', `${w.total} ${year}`);
  const growth = figureCard('country-growth', w.growth);
  const cagr = figureCard('country-cagr', w.cagr);
  const standing = figureCard('country-share', w.shareOfExports);
  const productsChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'country-products', role: 'img', 'aria-label': w.topProducts });
  const productsTable = h('div');
  const monthlyChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'country-trend', role: 'img', 'aria-label': w.trend });
  const monthlyAlternative = h('div');
  const element = h(
    'div',
    { class: 'view', 'data-testid': 'country-page', 'data-code': code },
    h('p', {}, h('a', { href: linkTo(route, { name: 'dashboard' }) }, `← ${w.back}`)),
    title,
    subtitle,
    h('div', { class: 'cards' }, total, growth, cagr, standing),
    h('div', { class: 'grid' }, section(w.trend, monthlyChart, monthlyAlternative), section(w.products, productsChart, productsTable)),
  );

  function draw({ country, trend }: CountryData): void {
    title.textContent = `${displayName(lang, country, code)} (${code})`;
    subtitle.textContent = [displayName(lang, { nameKo: country.regionNameKo, nameEn: country.regionNameEn }, ''), country.active ? '' : w.inactive].filter(Boolean).join(' · ');
    fillAmount(total, country.total.valueUsd, lang);
    fillGrowth(growth, country.yoyGrowth, country.yoyGrowthCovers, lang);
    fillCagr(cagr, country.cagr, lang);
    fillText(standing, country.shareOfExports === null ? '–' : percent(country.shareOfExports, lang), country.rank === null ? '' : `${w.rankAmong} ${count(country.rank, lang)} · ${w.productCount} ${count(country.productCount, lang)}`);
    const rows = country.topProducts.map((node) => ({ ...node, code: node.hsCode, name: displayName(lang, node, node.hsCode), href: linkTo(route, { name: 'product', hsCode: node.hsCode }) }));
    drawBars(productsChart, rows.map((row) => ({ code: row.code, label: `${row.code} ${row.name}`, value: row.valueUsd })), lang, (hsCode) => context.navigate({ name: 'product', hsCode }));
    replace(productsTable, rankingTable('country-products-table', 'product-link', rows, lang));
    const lines = [
      { name: `${year} (${w.thisYear})`, values: monthsOf(trend.points, year) },
      { name: `${year - 1} (${w.lastYear})`, values: monthsOf(trend.points, year - 1) },
    ];
    drawMonthly(monthlyChart, lines, monthLabels(lang), lang);
    replace(monthlyAlternative, monthlyTable(lines, monthLabels(lang), lang));
    context.freshness({ publishedThrough: country.publishedThrough, fresh: allFresh([country.fresh, trend.fresh]) });
    context.empty(country.total.statisticCount === 0);
  }

  return {
    element,
    async load(consistency: Consistency | null) {
      const range = trendRange(year, context.current);
      draw(await query<CountryData>(COUNTRY, { code, year, from: range.from, to: range.to, consistency }));
      context.drawn();
    },
    dispose: () => undefined,
  };
}
