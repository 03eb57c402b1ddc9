import { h } from '../dom';
import { isNegative, monthOfYear, monthSpan, percent, usd, usdCompact } from '../format';
import { words } from '../i18n';
import type { Cagr, Coverage, Point } from '../queries';
import type { Lang } from '../route';

/** A headline figure: formatted text, the exact value in data-value, and what it covers. */
export function figureCard(testId: string, label: string): HTMLElement {
  return h('div', { class: 'card', 'data-testid': testId }, h('div', { class: 'card-label' }, label), h('div', { class: 'card-value' }, '–'), h('div', { class: 'card-note' }));
}

export function fillAmount(card: HTMLElement, valueUsd: string, lang: Lang, note = ''): void {
  card.dataset.value = valueUsd;
  card.querySelector('.card-value')!.textContent = usdCompact(valueUsd, lang);
  card.querySelector('.card-note')!.textContent = note ? `${usd(valueUsd, lang)} · ${note}` : usd(valueUsd, lang);
}

/** Growth over like months: "+12.3%", saying which months against which. */
export function fillGrowth(card: HTMLElement, rate: string | null, covers: Coverage | null, lang: Lang): void {
  const w = words(lang);
  card.dataset.value = rate ?? '';
  const value = card.querySelector('.card-value')!;
  value.textContent = rate === null ? '–' : percent(rate, lang, true);
  value.classList.toggle('fall', rate !== null && isNegative(rate));
  card.querySelector('.card-note')!.textContent = covers ? coverageText(covers, lang) : w.noRate;
}

export function fillCagr(card: HTMLElement, cagr: Cagr | null, lang: Lang): void {
  const w = words(lang);
  const rate = cagr?.rate ?? null;
  card.dataset.value = rate ?? '';
  const value = card.querySelector('.card-value')!;
  value.textContent = rate === null ? '–' : percent(rate, lang, true);
  value.classList.toggle('fall', rate !== null && isNegative(rate));
  card.querySelector('.card-note')!.textContent = cagr ? `${cagr.fromYear}–${cagr.toYear}: ${coverageText(cagr.covers, lang)}` : w.noRate;
}

export function fillText(card: HTMLElement, text: string, note = ''): void {
  card.querySelector('.card-value')!.textContent = text;
  card.querySelector('.card-note')!.textContent = note;
}

function coverageText(covers: Coverage, lang: Lang): string {
  const w = words(lang);
  return `${monthSpan(covers.current.from, covers.current.to, lang)} ${w.comparedWith} ${monthSpan(covers.base.from, covers.base.to, lang)}`;
}

export interface RankRow {
  readonly rank: number;
  readonly code: string;
  readonly name: string;
  readonly valueUsd: string;
  readonly share: string | null;
  readonly href: string;
}

/** The accessible twin of a bar chart: one row per bar, in rank order, each with a real link. */
export function rankingTable(testId: string, linkTestId: string, rows: readonly RankRow[], lang: Lang): HTMLTableElement {
  const w = words(lang);
  return h(
    'table',
    { 'data-testid': testId, class: 'ranking' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, w.rank), h('th', { scope: 'col' }, w.name), h('th', { scope: 'col', class: 'num' }, w.value), h('th', { scope: 'col', class: 'num' }, w.shareColumn))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { 'data-code': row.code, 'data-value': row.valueUsd },
          h('td', { class: 'num' }, String(row.rank)),
          h('td', {}, h('a', { 'data-testid': linkTestId, 'data-code': row.code, href: row.href }, h('span', { class: 'code' }, row.code), ' ', row.name)),
          h('td', { class: 'num' }, usd(row.valueUsd, lang)),
          h('td', { class: 'num' }, row.share === null ? '–' : percent(row.share, lang)),
        ),
      ),
    ),
  );
}

/** Twelve monthly values of one year from trend points; null where the month is absent (not published). */
export function monthsOf(points: readonly Point[], year: number): (string | null)[] {
  const values: (string | null)[] = Array.from({ length: 12 }, () => null);
  for (const point of points) if (point.year === year) values[point.month - 1] = point.valueUsd;
  return values;
}

export function monthLabels(lang: Lang): string[] {
  return Array.from({ length: 12 }, (_, index) => monthOfYear(index + 1, lang));
}

/** The monthly chart's table alternative, folded away by default. */
export function monthlyTable(lines: readonly { name: string; values: readonly (string | null)[] }[], labels: readonly string[], lang: Lang): HTMLElement {
  return h(
    'details',
    { class: 'table-alternative' },
    h('summary', {}, lang === 'ko' ? '표로 보기' : 'Show as a table'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}), ...lines.map((line) => h('th', { scope: 'col', class: 'num' }, line.name)))),
      h('tbody', {}, ...labels.map((label, index) => h('tr', {}, h('th', { scope: 'row' }, label), ...lines.map((line) => h('td', { class: 'num' }, line.values[index] ? usd(line.values[index]!, lang) : '–'))))),
    ),
  );
}

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}
