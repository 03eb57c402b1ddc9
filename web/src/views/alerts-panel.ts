import { h, replace } from '../dom';
import { count, displayName, month, usd } from '../format';
import { query } from '../graphql';
import { words } from '../i18n';
import { ALERTS, type AlertsData, type Consistency, EXPORT_ALERTS, type ExportAlertsData } from '../queries';
import { linkTo } from '../route';
import type { ViewContext } from './view';

/** The period's open alerts; a raised alert (exportAlerts) re-reads them at its position. */
export class AlertsPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { 'data-testid': 'alerts-list', class: 'alerts' });
  private readonly unsubscribe: () => void;

  constructor(private readonly context: ViewContext) {
    const w = words(context.route.lang);
    this.element = h('section', { class: 'panel', 'aria-live': 'polite' }, h('h2', {}, w.alerts), this.list);
    const filter = { year: context.year, ...(context.route.month === null ? {} : { month: context.route.month }) };
    this.unsubscribe = context.live.subscribe<ExportAlertsData>(EXPORT_ALERTS, { filter }, (data) => {
      void this.load({ atLeastPosition: data.exportAlerts.position }).catch(() => undefined);
    });
  }

  async load(consistency: Consistency | null): Promise<void> {
    const { route, year } = this.context;
    const lang = route.lang;
    const w = words(lang);
    const { alerts } = await query<AlertsData>(ALERTS, { year, month: route.month, consistency });
    const items = alerts.edges.map(({ node }) =>
      h(
        'li',
        { 'data-testid': 'alert-item', 'data-id': node.id, 'data-kind': node.kind, class: `alert ${node.kind.toLowerCase()}` },
        h('strong', {}, w.alertKind[node.kind] ?? node.kind),
        ' ',
        h('a', { href: linkTo(route, { name: 'country', code: node.countryCode }) }, displayName(lang, {}, node.countryCode)),
        ' · ',
        h('a', { href: linkTo(route, { name: 'product', hsCode: node.hsCode.slice(0, Math.min(6, node.hsCode.length)) }) }, `HS ${node.hsCode}`),
        ` · ${month(node.period, lang)} · ${usd(node.valueUsd, lang)}`,
        node.thresholdUsd ? ` > ${usd(node.thresholdUsd, lang)}` : '',
      ),
    );
    const more = alerts.totalCount - items.length;
    replace(this.list, ...(items.length ? items : [h('li', { class: 'none' }, w.noAlerts)]), more > 0 ? h('li', { class: 'none' }, `+${count(more, lang)} ${w.moreAlerts}`) : null);
  }

  dispose(): void {
    this.unsubscribe();
  }
}
