import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, REPO_ROOT } from '../support/app-process';
import { PrometheusServer } from '../support/prometheus-server';
import { exportedSeriesNames, metricNamesOf } from '../support/promql-metric-names';
import { startTestApp, stopTestApp } from '../support/test-app';

const TOKEN = `scrape-token-${randomUUID()}`;
const HOUR_MS = 3_600_000;
const DASHBOARD_MUST_SHOW = [
  'exportstats_relay_lag_events',
  'exportstats_relay_lag_seconds',
  'exportstats_parked_messages',
  'exportstats_queue_depth',
  'exportstats_consumer_processed_total',
  'exportstats_graphql_request_duration_seconds_bucket',
  'exportstats_graphql_errors_total',
  'exportstats_customs_import_units',
  'exportstats_customs_imports',
  'exportstats_notifications_sent_total',
  'exportstats_notification_batches',
  'exportstats_processes',
  'exportstats_processes_overdue',
];

/**
 * A real Prometheus scraping the listening service with the repository's alert rules: it sees the
 * delivery and import series the rules are written against, and loads every rule without error.
 * The import gauges are read from PostgreSQL: a stalled import and a dead-lettered unit this test
 * writes show in them. Every metric the rules and the Grafana dashboard name is one the service
 * exports.
 */
describe('Prometheus scraping the service (real Prometheus)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let prometheus: PrometheusServer;
  const stalledImport = randomUUID();
  const failedImport = randomUUID();

  beforeAll(async () => {
    harness = await startTestApp({ METRICS_TOKEN: TOKEN, RELAY_ENABLED: 'false', CONSUMERS_ENABLED: 'false' });
    const port = await freePort();
    await harness.app.listen(port, '127.0.0.1');
    prometheus = await PrometheusServer.start({ address: `127.0.0.1:${port}`, token: TOKEN });
  });

  afterAll(async () => {
    await prometheus?.stop();
    // Their outcome events (CustomsImportCompleted, ...Failed, ...Paused) too.
    await harness?.db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [[stalledImport, failedImport]]);
    await harness?.db.query('delete from customs_import where id = any($1::uuid[])', [[stalledImport, failedImport]]);
    if (harness) await stopTestApp(harness);
  });

  const scrapeUntil = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
      const value = await read();
      if (value !== undefined) return value;
    }
    throw new Error(`Prometheus did not see ${what} within 30 s`);
  };
  const gauge = async (expression: string) => {
    const [sample] = await prometheus.query(expression);
    return sample === undefined ? undefined : Number(sample.value[1]);
  };

  it('scrapes the service with its bearer token and holds the relay-lag series', async () => {
    const lag = await scrapeUntil('exportstats_relay_lag_events', () => gauge('exportstats_relay_lag_events{job="export-statistics"}'));

    expect(await gauge('up{job="export-statistics"}')).toBe(1);
    expect(Number.isFinite(lag) && lag >= 0).toBe(true);
    expect(await gauge('exportstats_relay_lag_seconds{job="export-statistics"}')).toBeGreaterThanOrEqual(0);
  });

  it('loads every alert rule of alerts.yml, and none fails to evaluate', async () => {
    type Rules = { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const rules = await scrapeUntil('its rules evaluated', async () => {
      const all = (await prometheus.get<Rules>('/api/v1/rules')).data.groups.flatMap((group) => group.rules);
      return all.length > 0 && all.every((rule) => rule.health !== 'unknown') ? all : undefined;
    });

    expect(rules.filter((rule) => rule.health !== 'ok')).toEqual([]);
    expect(rules.map((rule) => rule.name)).toEqual(expect.arrayContaining(['RelayLagging', 'MessagesParked', 'ProjectionBehind', 'CustomsImportStalled']));
  });

  it('names in its rules and in the Grafana dashboard only metrics the service exports', async () => {
    type Rules = { data: { groups: { rules: { name: string; query: string }[] }[] } };
    type Dashboard = { panels: { title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[] };
    // The rules as Prometheus itself read alerts.yml; the dashboard as Grafana's provisioning loads it.
    const rules = (await prometheus.get<Rules>('/api/v1/rules')).data.groups.flatMap((group) => group.rules);
    const dashboard = JSON.parse(await readFile(`${REPO_ROOT}/grafana/dashboards/export-statistics.json`, 'utf8')) as Dashboard;
    const queries = dashboard.panels.filter((panel) => panel.targets);
    const metrics = await harness.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    // `up` is the series Prometheus writes for each scrape, not one the service exports.
    const exported = new Set([...exportedSeriesNames(metrics.body), 'up']);
    const named = [
      ...rules.flatMap((rule) => metricNamesOf(rule.query).map((metric) => ({ where: `alert ${rule.name}`, metric }))),
      ...queries.flatMap((panel) => panel.targets!.flatMap(({ expr }) => metricNamesOf(expr).map((metric) => ({ where: `panel ${panel.title}`, metric })))),
    ];

    const alertsInFile = (await readFile(`${REPO_ROOT}/prometheus/alerts.yml`, 'utf8')).match(/^\s*- alert: /gm) ?? [];
    expect(rules).toHaveLength(alertsInFile.length);
    expect(queries.length).toBeGreaterThanOrEqual(15);
    expect(named.filter(({ metric }) => !exported.has(metric))).toEqual([]);
    // What an operator watches, each on the dashboard: delivery, GraphQL, imports, notifications, processes.
    const onDashboard = new Set(named.filter(({ where }) => where.startsWith('panel')).map(({ metric }) => metric));
    expect([...DASHBOARD_MUST_SHOW].filter((metric) => !onDashboard.has(metric))).toEqual([]);
    // Every panel queries the data source that grafana/provisioning names.
    const provisioned = await readFile(`${REPO_ROOT}/grafana/provisioning/datasources/prometheus.yml`, 'utf8');
    expect(new Set(queries.map((panel) => panel.datasource?.uid))).toEqual(new Set([/^\s*uid: (\S+)$/m.exec(provisioned)?.[1]]));
  });

  it('sees an import that stopped moving an hour ago, a failed one, and a unit left to an operator', async () => {
    const failedBefore = await scrapeUntil('the failed-import count', () => gauge('exportstats_customs_imports{state="failed"}'));
    const hourAgo = new Date(Date.now() - HOUR_MS);
    const importRow = `insert into customs_import (id, correlation_id, first_month, last_month, state, version, requested_by, requested_at, updated_at)
                       values ($1, $2, '2026-10', '2026-10', $3, 1, 'prometheus-test', $4, $4)`;
    await harness.db.query(importRow, [stalledImport, randomUUID(), 'running', hourAgo]);
    await harness.db.query(importRow, [failedImport, randomUUID(), 'failed', hourAgo]);
    await harness.db.query(
      `insert into customs_import_unit (import_id, unit_key, hs_prefix, first_month, last_month, state, version, updated_at)
       values ($1, '85:2026-10..2026-10', '85', '2026-10', '2026-10', 'dead_lettered', 2, $2)`,
      [stalledImport, hourAgo],
    );

    const stalled = await scrapeUntil('the stalled import', async () => {
      const seconds = await gauge('exportstats_customs_import_stalled_seconds');
      return seconds !== undefined && seconds >= HOUR_MS / 1000 ? seconds : undefined;
    });
    const failed = await scrapeUntil('the failed import', async () => {
      const count = await gauge('exportstats_customs_imports{state="failed"}');
      return count !== undefined && count > failedBefore ? count : undefined;
    });

    expect(stalled).toBeLessThan(HOUR_MS / 1000 + 120);
    expect(failed).toBe(failedBefore + 1);
    expect(await gauge('exportstats_customs_import_units_awaiting_operator')).toBeGreaterThanOrEqual(1);
  });
});
