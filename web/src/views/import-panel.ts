import { h, replace } from '../dom';
import { count, dateTime, monthSpan } from '../format';
import { GraphqlError, query } from '../graphql';
import { words } from '../i18n';
import { type CustomsImport, IMPORT_PROGRESS, IMPORTS, type ImportsData } from '../queries';
import type { ViewContext } from './view';

const RUNNING = new Set(['REQUESTED', 'RUNNING', 'PAUSED']);

/**
 * The running customs import (or the latest), with its progress. Imports are an operator's
 * business: with a reader credential the panel says so. Each customsImportProgress message
 * re-reads the import, so the bar moves.
 */
export class ImportPanel {
  readonly element: HTMLElement;
  private readonly body = h('div');
  private followed: { id: string; unsubscribe: () => void } | null = null;

  constructor(private readonly context: ViewContext) {
    this.element = h('section', { class: 'panel', 'data-testid': 'import-progress', 'aria-live': 'polite' }, h('h2', {}, words(context.route.lang).importTitle), this.body);
  }

  async load(): Promise<void> {
    const w = words(this.context.route.lang);
    try {
      const { customsImports } = await query<ImportsData>(IMPORTS);
      const imports = customsImports.edges.map((edge) => edge.node);
      const shown = imports.find((item) => RUNNING.has(item.state)) ?? imports[0] ?? null;
      this.follow(shown && RUNNING.has(shown.state) ? shown.id : null);
      this.element.dataset.state = shown?.state ?? 'NONE';
      replace(this.body, shown ? this.describe(shown) : h('p', {}, w.noImport));
    } catch (error) {
      if (!(error instanceof GraphqlError && error.code === 'UNAUTHORIZED')) throw error;
      this.element.dataset.state = 'UNAUTHORIZED';
      replace(this.body, h('p', { class: 'muted' }, w.importNeedsOperator));
    }
  }

  dispose(): void {
    this.follow(null);
  }

  private describe(item: CustomsImport): HTMLElement {
    const lang = this.context.route.lang;
    const w = words(lang);
    const { units, done } = item.counts;
    return h(
      'div',
      { 'data-import-id': item.id },
      h('p', {}, h('strong', {}, item.state), ` · ${monthSpan(item.from, item.to, lang)} · ${dateTime(item.requestedAt, lang)}`),
      h('progress', { max: Math.max(units, 1), value: done, 'aria-label': w.importTitle }),
      h('p', {}, `${count(done, lang)} / ${count(units, lang)} ${w.units} ${w.done} · ${count(item.counts.fetched, lang)} ${w.fetchedRows}`, item.waitingFor ? ` · ${w.waiting}: ${item.waitingFor}` : ''),
    );
  }

  private follow(id: string | null): void {
    if (this.followed?.id === id) return;
    this.followed?.unsubscribe();
    this.followed = id ? { id, unsubscribe: this.context.live.subscribe(IMPORT_PROGRESS, { id }, () => void this.load().catch(() => undefined)) } : null;
  }
}
