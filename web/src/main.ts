import './style.css';
import { disposeCharts, resizeCharts } from './charts';
import { storedCredential, storeCredential } from './credential';
import { byTestId, h, replace } from './dom';
import { dateTime, month as monthName, monthOfYear } from './format';
import { GraphqlError, query } from './graphql';
import { words } from './i18n';
import { LiveFeed } from './live-feed';
import { POLL_INTERVAL_MS, resumesLive, shouldPoll } from './live-mode';
import { koreaMonth, parsePeriod, pickerMonths, pickerYears, type YearMonth } from './period';
import { type Consistency, DASHBOARD_UPDATED, type DashboardUpdatedData, HORIZON, type HorizonData } from './queries';
import { formatRoute, type Lang, parseRoute, type Route, type View } from './route';
import { mountSearch } from './search';
import { countryView } from './views/country-view';
import { dashboardView } from './views/dashboard-view';
import { productView } from './views/product-view';
import type { PageView, ViewContext } from './views/view';

/**
 * The page: a shell (language, credential, live status, period picker, banners, freshness) and
 * one view at a time, chosen by the hash route. Every figure comes from GraphQL; a live update for
 * the period on screen re-reads the view at the position it carries.
 */
const defaultLang: Lang = navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
const current: YearMonth = koreaMonth(new Date());
let drawCount = 0;
let firstDashboardDrawn = false;
let active: { view: PageView; route: Route; year: number; unsubscribe: () => void } | null = null;
let latestYear: number | null = null;

const live = new LiveFeed((state, before) => {
  const status = byTestId(document, 'live-status');
  status.dataset.mode = state.mode;
  status.textContent = words(routeNow().lang)[state.mode];
  if (resumesLive(before, state)) void refresh(null);
  showStale();
});

let staleFigures = false;

function routeNow(): Route {
  return parseRoute(location.hash, defaultLang);
}

function go(route: Route, replaceEntry = false): void {
  const hash = formatRoute(route);
  if (replaceEntry) history.replaceState(null, '', hash);
  else location.hash = hash;
  if (replaceEntry) void show();
}

async function yearToShow(route: Route): Promise<number> {
  if (route.year !== null) return route.year;
  if (latestYear === null) {
    const horizon = await query<HorizonData>(HORIZON, { year: current.year });
    latestYear = parsePeriod(horizon.dashboardSummary.publishedThrough)?.year ?? current.year;
  }
  return latestYear;
}

function renderShell(route: Route, year: number): void {
  const w = words(route.lang);
  document.documentElement.lang = route.lang;
  document.title = w.title;
  const yearSelect = h('select', { 'data-testid': 'period-year', id: 'period-year', onchange: (event) => go({ ...route, year: Number((event.target as HTMLSelectElement).value), month: null }) });
  for (const option of pickerYears(current)) yearSelect.append(h('option', { value: option, selected: option === year }, String(option)));
  const monthSelect = h('select', { 'data-testid': 'period-month', id: 'period-month', onchange: (event) => go({ ...route, year, month: Number((event.target as HTMLSelectElement).value) || null }) });
  monthSelect.append(h('option', { value: '', selected: route.month === null }, w.wholeYear));
  for (const option of pickerMonths(year, current)) monthSelect.append(h('option', { value: option, selected: option === route.month }, monthOfYear(option, route.lang)));
  const credential = h('input', { 'data-testid': 'reader-credential', id: 'reader-credential', type: 'password', autocomplete: 'off', value: storedCredential() ?? '' });
  const mode = live.current.mode;
  replace(
    byTestId(document, 'shell-header'),
    h('h1', {}, h('a', { href: formatRoute({ ...route, view: { name: 'dashboard' } }) }, w.title)),
    h('span', { 'data-testid': 'live-status', 'data-mode': mode, class: 'live-status', role: 'status' }, w[mode]),
    h('div', { class: 'langs', role: 'group', 'aria-label': 'Language / 언어' },
      h('button', { type: 'button', 'data-testid': 'lang-ko', 'aria-pressed': String(route.lang === 'ko'), onclick: () => go({ ...route, lang: 'ko' }) }, '한국어'),
      h('button', { type: 'button', 'data-testid': 'lang-en', 'aria-pressed': String(route.lang === 'en'), onclick: () => go({ ...route, lang: 'en' }) }, 'English')),
    h('form', { class: 'credential', onsubmit: (event) => { event.preventDefault(); storeCredential(credential.value); location.reload(); } },
      h('label', { for: 'reader-credential', title: w.credentialHint }, w.credential), credential,
      h('button', { type: 'submit', 'data-testid': 'reader-credential-save' }, w.save)),
  );
  replace(
    byTestId(document, 'shell-nav'),
    h('label', { for: 'period-year' }, w.year), yearSelect,
    h('label', { for: 'period-month' }, w.month), monthSelect,
  );
  mountSearch(byTestId(document, 'shell-search'), route);
}

function context(route: Route, year: number): ViewContext {
  return {
    route,
    year,
    current,
    live,
    navigate: (view: View) => go({ ...route, year, view }),
    freshness: ({ publishedThrough, fresh, rebuild }) => {
      const w = words(route.lang);
      staleFigures = fresh === false;
      const parts = [
        `${w.publishedThrough}: ${publishedThrough ? monthName(publishedThrough, route.lang) : w.nothingPublished}`,
        `${w.updatedAt} ${dateTime(new Date().toISOString(), route.lang)}`,
        fresh === true ? w.consistent : null,
        rebuild ?? null,
      ];
      const element = byTestId(document, 'freshness');
      element.dataset.publishedThrough = publishedThrough ?? '';
      element.dataset.fresh = String(fresh);
      element.textContent = parts.filter(Boolean).join(' · ');
      showStale();
    },
    empty: (isEmpty) => {
      byTestId(document, 'empty-period').hidden = !isEmpty;
    },
    drawn: () => {
      drawCount += 1;
      const monthPart = route.month === null ? 'all' : String(route.month).padStart(2, '0');
      document.body.dataset.drawn = `${route.view.name}:${year}-${monthPart}:${drawCount}`;
      if (route.view.name === 'dashboard' && !firstDashboardDrawn) {
        firstDashboardDrawn = true;
        performance.mark('dashboard-drawn');
      }
    },
  };
}

function showStale(): void {
  byTestId(document, 'stale-notice').hidden = !(staleFigures || live.current.mode === 'offline');
}

function showError(error: unknown): void {
  const banner = byTestId(document, 'error-banner');
  if (error === null) {
    banner.hidden = true;
    return;
  }
  const w = words(routeNow().lang);
  const known = error instanceof GraphqlError ? error : new GraphqlError('INTERNAL', '');
  banner.dataset.code = known.code;
  replace(banner, h('strong', {}, w.errors[known.code] ?? w.errorOther), ' ', h('span', { class: 'code' }, [known.code, known.errorCode].filter(Boolean).join(' · ')), known.message ? ` — ${known.message}` : '');
  banner.hidden = false;
}

function createView(context: ViewContext): PageView {
  const view = context.route.view;
  switch (view.name) {
    case 'country':
      return countryView(context, view.code);
    case 'product':
      return productView(context, view.hsCode);
    default:
      return dashboardView(context);
  }
}

async function show(): Promise<void> {
  const route = routeNow();
  const loading = byTestId(document, 'loading');
  loading.hidden = false;
  let year: number;
  try {
    year = await yearToShow(route);
  } catch (error) {
    showError(error);
    loading.hidden = true;
    return;
  }
  // Another navigation happened while the year was read: that one draws.
  if (formatRoute(route) !== formatRoute(routeNow())) return;
  renderShell(route, year);
  const root = byTestId(document, 'view');
  if (active) {
    active.unsubscribe();
    active.view.dispose();
    disposeCharts(root);
  }
  byTestId(document, 'empty-period').hidden = true;
  const view = createView(context(route, year));
  replace(root, view.element);
  const variables = { year, month: route.view.name === 'dashboard' ? route.month : null };
  const unsubscribe = live.subscribe<DashboardUpdatedData>(DASHBOARD_UPDATED, variables, (data) => void refresh({ atLeastPosition: data.dashboardUpdated.position }));
  active = { view, route, year, unsubscribe };
  await load(view, null);
  loading.hidden = true;
}

async function load(view: PageView, consistency: Consistency | null): Promise<boolean> {
  try {
    await view.load(consistency);
    showError(null);
    return true;
  } catch (error) {
    showError(error);
    return !(error instanceof GraphqlError && (error.code === 'NETWORK' || error.code === 'HTTP'));
  }
}

async function refresh(consistency: Consistency | null): Promise<boolean> {
  return active ? load(active.view, consistency) : true;
}

function mountShell(): void {
  replace(
    document.getElementById('app')!,
    h('header', { class: 'shell-header', 'data-testid': 'shell-header' }),
    h('nav', { class: 'shell-nav', 'data-testid': 'shell-nav', 'aria-label': 'Period' }),
    h('div', { class: 'shell-search', 'data-testid': 'shell-search' }),
    h('div', { class: 'banner error', 'data-testid': 'error-banner', role: 'alert', hidden: true }),
    h('div', { class: 'banner stale', 'data-testid': 'stale-notice', hidden: true }),
    h('div', { class: 'banner loading', 'data-testid': 'loading', role: 'status', hidden: true }),
    h('div', { class: 'banner empty', 'data-testid': 'empty-period', hidden: true }),
    h('main', { 'data-testid': 'view' }),
    h('footer', {}, h('p', { 'data-testid': 'freshness', class: 'freshness', 'aria-live': 'polite' })),
  );
  const fill = () => {
    const w = words(routeNow().lang);
    byTestId(document, 'stale-notice').textContent = w.stale;
    byTestId(document, 'loading').textContent = w.loading;
    byTestId(document, 'empty-period').textContent = w.empty;
  };
  fill();
  addEventListener('hashchange', () => {
    fill();
    void show();
  });
  addEventListener('resize', () => resizeCharts(byTestId(document, 'view')));
  setInterval(() => {
    if (!shouldPoll(live.current) || !active) return;
    void refresh(null).then((answered) => live.dispatch({ type: answered ? 'poll-succeeded' : 'poll-failed' }));
  }, POLL_INTERVAL_MS);
}

mountShell();
void show();
