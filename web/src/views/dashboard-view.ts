import { drawBars, drawMonthly, drawShares, type Slice } from '../charts';
import { h, replace } from '../dom';
import { count, displayName, ratio } from '../format';
import { query } from '../graphql';
import { words } from '../i18n';
import { trendRange } from '../period';
import { type Consistency, DASHBOARD, type DashboardData, TOP, TOP_PRODUCT_LEVEL } from '../queries';
import { linkTo } from '../route';
import { AlertsPanel } from './alerts-panel';
import { ImportPanel } from './import-panel';
import type { PageView, ViewContext } from './view';
import { figureCard, fillAmount, fillCagr, fillGrowth, fillText, monthLabels, monthlyTable, monthsOf, rankingTable, section } from './widgets';

/** The national dashboard of a year or month: headline, rankings, trend, shares, alerts, import. */
export function dashboardView(context: ViewContext): PageView {
  const { route, year } = context;
  const lang = route.lang;
  const w = words(lang);
  const total = figureCard('headline-total', w.total);
  const growth = figureCard('headline-growth', w.growth);
  const cagr = figureCard('headline-cagr', w.cagr);
  const breadth = figureCard('headline-breadth', `${w.partnerCount} · ${w.products}`);
  const partnersChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'top-partners', role: 'img', 'aria-label': w.topPartners });
  const productsChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'top-products', role: 'img', 'aria-label': w.topProducts });
  const partnersTable = h('div');
  const productsTable = h('div');
  const trendChart = h('div', { class: 'chart', 'data-chart': true, 'data-testid': 'trend-chart', role: 'img', 'aria-label': w.trend });
  const trendTable = h('div');
  const shareChart = h('div', { class: 'chart small', 'data-chart': true, role: 'img', 'aria-label': w.share });
  const concentration = h('p', { class: 'concentration' });
  const alerts = new AlertsPanel(context);
  const imports = new ImportPanel(context);
  const element = h(
    'div',
    { class: 'view', 'data-testid': 'dashboard-page' },
    h('div', { class: 'cards' }, total, growth, cagr, breadth),
    h('div', { class: 'grid' }, section(w.topPartners, partnersChart, partnersTable), section(w.topProducts, productsChart, productsTable)),
    h('div', { class: 'grid' }, section(w.trend, trendChart, trendTable), h('section', { class: 'panel', 'data-testid': 'market-share' }, h('h2', {}, w.share), shareChart, concentration)),
    h('div', { class: 'grid' }, alerts.element, imports.element),
  );

  function draw(data: DashboardData): void {
    const { summary, partners, products, trend } = data;
    const partnerRows = partners.edges.map(({ node }) => ({ ...node, code: node.countryCode, name: displayName(lang, node, node.countryCode), href: linkTo(route, { name: 'country', code: node.countryCode }) }));
    const productRows = products.edges.map(({ node }) => ({ ...node, code: node.hsCode, name: displayName(lang, node, node.hsCode), href: linkTo(route, { name: 'product', hsCode: node.hsCode }) }));
    fillAmount(total, summary.total.valueUsd, lang);
    fillGrowth(growth, summary.yoyGrowth, summary.yoyGrowthCovers, lang);
    fillCagr(cagr, trend.cagr, lang);
    fillText(breadth, `${count(summary.partnerCount, lang)} · ${count(summary.productCount, lang)}`, w.level[TOP_PRODUCT_LEVEL] ?? '');
    const open = (view: 'country' | 'product') => (code: string) => context.navigate(view === 'country' ? { name: 'country', code } : { name: 'product', hsCode: code });
    drawBars(partnersChart, partnerRows.map((row) => ({ code: row.code, label: row.name, value: row.valueUsd })), lang, open('country'));
    drawBars(productsChart, productRows.map((row) => ({ code: row.code, label: `${row.code} ${row.name}`, value: row.valueUsd })), lang, open('product'));
    replace(partnersTable, rankingTable('top-partners-table', 'partner-link', partnerRows, lang));
    replace(productsTable, rankingTable('top-products-table', 'product-link', productRows, lang));
    productsTable.firstElementChild?.setAttribute('data-level', String(TOP_PRODUCT_LEVEL));
    const lines = [
      { name: `${year} (${w.thisYear})`, values: monthsOf(trend.points, year) },
      { name: `${year - 1} (${w.lastYear})`, values: monthsOf(trend.points, year - 1) },
    ];
    drawMonthly(trendChart, lines, monthLabels(lang), lang);
    replace(trendTable, monthlyTable(lines, monthLabels(lang), lang));
    drawShares(shareChart, shareSlices(partnerRows, summary.total.valueUsd, w.others));
    concentration.textContent = `${w.hhi}: ${summary.partnerHhi === null ? '–' : ratio(summary.partnerHhi, lang)} · ${w.partnerCount}: ${count(summary.partnerCount, lang)}`;
    const rebuild = data.rebuildProgress?.status === 'RUNNING' ? `${w.rebuild}: ${data.rebuildProgress.phase} ${count(data.rebuildProgress.processedEvents, lang)}/${count(data.rebuildProgress.totalEvents, lang)}` : null;
    context.freshness({ publishedThrough: summary.publishedThrough, fresh: allFresh([summary.fresh, partners.fresh, products.fresh, trend.fresh]), rebuild });
    context.empty(summary.total.statisticCount === 0);
  }

  return {
    element,
    async load(consistency: Consistency | null) {
      const range = trendRange(year, context.current);
      const variables = { year, month: route.month, from: range.from, to: range.to, level: TOP_PRODUCT_LEVEL, top: TOP, consistency };
      const panels = Promise.allSettled([alerts.load(consistency), imports.load()]);
      draw(await query<DashboardData>(DASHBOARD, variables));
      context.drawn();
      await panels;
    },
    dispose() {
      alerts.dispose();
      imports.dispose();
    },
  };
}

/** Null when no consistency was asked; false when any part may be stale. */
export function allFresh(values: readonly (boolean | null)[]): boolean | null {
  if (values.some((value) => value === false)) return false;
  return values.some((value) => value === true) ? true : null;
}

/** The top partners and everyone else, as slices of the period's total (exact cents, no float). */
function shareSlices(rows: readonly { name: string; valueUsd: string }[], totalUsd: string, othersLabel: string): Slice[] {
  const cents = (value: string) => BigInt(usd2cents(value));
  const rest = rows.reduce((left, row) => left - cents(row.valueUsd), cents(totalUsd));
  const slices = rows.map((row) => ({ name: row.name, value: row.valueUsd }));
  return rest > 0n ? [...slices, { name: othersLabel, value: (Number(rest) / 100).toFixed(2) }] : slices;
}

function usd2cents(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  return `${whole}${fraction.padEnd(2, '0').slice(0, 2)}`;
}
