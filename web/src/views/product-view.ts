import { drawBars, drawMonthly } from '../charts';
import { h, replace } from '../dom';
import { count, displayName, percent, ratio } from '../format';
import { query } from '../graphql';
import { words } from '../i18n';
import { trendRange } from '../period';
import { type Consistency, PRODUCT, type ProductData } from '../queries';
import { linkTo } from '../route';
import { allFresh } from './dashboard-view';
import type { PageView, ViewContext } from './view';
import { figureCard, fillAmount, fillCagr, fillGrowth, fillText, monthLabels, monthlyTable, monthsOf, rankingTable, section } from './widgets';

/**
 * One HS chapter, heading or subheading in the year on screen (productProfile), with the codes
 * one level down to drill into (chapter to headings, heading to subheadings).
 */
export function productView(context: ViewContext, hsCode: string): PageView {
  const { route, year } = context;
  const lang = route.lang;
  const w = words(lang);
  const level = hsCode.length;
  const title = h('h2', { class: 'view-title' }, hsCode);
  const trail = h('nav', { class: 'trail', 'aria-label': 'HS' });
  const total = figureCard('product-total', `${w.total} ${year}`);
  const growth = figureCard('product-growth', w.growth);
  const cagr = figureCard('product-cagr', w.cagr);
  const standing = figureCard('product-share', w.shareOfExports);
  const partnersChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'product-partners', role: 'img', 'aria-label': w.topPartners });
  const partnersTable = h('div');
  const monthlyChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'product-trend', role: 'img', 'aria-label': w.trend });
  const monthlyAlternative = h('div');
  const children = h('ul', { class: 'children', 'data-testid': 'product-children' });
  const element = h(
    'div',
    { class: 'view', 'data-testid': 'product-page', 'data-code': hsCode },
    trail,
    title,
    h('div', { class: 'cards' }, total, growth, cagr, standing),
    h('div', { class: 'grid' }, section(w.trend, monthlyChart, monthlyAlternative), section(w.partners, partnersChart, partnersTable)),
    level < 6 ? section(`${w.within}: ${w.level[level + 2] ?? ''}`, children) : null,
  );

  function draw({ product, trend, within }: ProductData): void {
    title.textContent = `${w.level[level] ?? ''} ${hsCode} ${displayName(lang, product, '')}`.trim();
    replace(
      trail,
      h('a', { href: linkTo(route, { name: 'dashboard' }) }, w.dashboard),
      ...[2, 4].filter((length) => length < level).flatMap((length) => [' › ', h('a', { href: linkTo(route, { name: 'product', hsCode: hsCode.slice(0, length) }) }, hsCode.slice(0, length))]),
    );
    fillAmount(total, product.total.valueUsd, lang);
    fillGrowth(growth, product.yoyGrowth, product.yoyGrowthCovers, lang);
    fillCagr(cagr, product.cagr, lang);
    fillText(standing, product.shareOfExports === null ? '–' : percent(product.shareOfExports, lang), `${product.rank === null ? '' : `${w.rankAmong} ${count(product.rank, lang)} · `}${w.hhi}: ${product.partnerHhi === null ? '–' : ratio(product.partnerHhi, lang)}`);
    const rows = product.topPartners.map((node) => ({ ...node, code: node.countryCode, name: displayName(lang, node, node.countryCode), href: linkTo(route, { name: 'country', code: node.countryCode }) }));
    drawBars(partnersChart, rows.map((row) => ({ code: row.code, label: row.name, value: row.valueUsd })), lang, (code) => context.navigate({ name: 'country', code }));
    replace(partnersTable, rankingTable('product-partners-table', 'partner-link', rows, lang));
    const lines = [
      { name: `${year} (${w.thisYear})`, values: monthsOf(trend.points, year) },
      { name: `${year - 1} (${w.lastYear})`, values: monthsOf(trend.points, year - 1) },
    ];
    drawMonthly(monthlyChart, lines, monthLabels(lang), lang);
    replace(monthlyAlternative, monthlyTable(lines, monthLabels(lang), lang));
    const below = within.hits.filter((hit) => hit.level === level + 2 && hit.hsCode.startsWith(hsCode));
    replace(
      children,
      ...below.map((hit) =>
        h('li', {}, h('a', { 'data-testid': 'product-child', 'data-code': hit.hsCode, href: linkTo(route, { name: 'product', hsCode: hit.hsCode }) }, h('span', { class: 'code' }, hit.hsCode), ' ', displayName(lang, hit, hit.hsCode))),
      ),
    );
    context.freshness({ publishedThrough: product.publishedThrough, fresh: allFresh([product.fresh, trend.fresh]) });
    context.empty(product.total.statisticCount === 0);
  }

  return {
    element,
    async load(consistency: Consistency | null) {
      const range = trendRange(year, context.current);
      draw(await query<ProductData>(PRODUCT, { hsCode, year, from: range.from, to: range.to, consistency }));
      context.drawn();
    },
    dispose: () => undefined,
  };
}
