import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Pool } from 'pg';
import { LiveUpdates } from '../../src/platform/live/live-updates';
import { toStoredEvent, EVENT_LOG_ROW_COLUMNS, type EventLogRow } from '../../src/platform/event-log/event-log.row';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { outgoingMessage } from '../../src/platform/relay/outgoing-message';
import { listenForSubscriptions, LiveTestClient } from '../support/live-client';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

const EXPORT_ALERTS = `subscription($f: ExportAlertFilter) {
  exportAlerts(filter: $f) { id kind change direction countryCode hsCode period value threshold yearAgo trailingMean status position missed } }`;
const RECORD = 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { version position } }';
const RECORD_MANY = 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { position } }';

interface ExportAlertMessage {
  exportAlerts: Record<string, unknown> & { id: string; hsCode: string; position: string; change: string };
}

/**
 * Alerts the whole way round: a mutation over the threshold, the relay, the shard consumer's
 * threshold writer, the alerts query fresh at the mutation's position; then a revision under the
 * threshold closes it, and the dashboard's open alert count follows. Then what exportAlerts
 * subscribers hear: an anomaly the summary flush finds, and nothing twice on a redelivery.
 */
describe('alerts through the live delivery path', () => {
  let harness: TestApp | undefined;
  let client: LiveTestClient;
  const created: string[] = [];
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });

  beforeAll(async () => {
    // A low minimum: the anomaly below moves by thousands, not by the default's hundred thousand.
    harness = await startLiveTestApp(db, relayName, { ALERT_ANOMALY_MIN_USD: '10' });
    client = new LiveTestClient(await listenForSubscriptions(harness.app));
  });

  afterAll(async () => {
    await client?.close();
    await deleteStatistics(db, created);
    await stopLiveTestApp(db, relayName, harness);
    await db.end();
  });

  const subscribe = async (filter: Record<string, unknown>) => {
    const hub = harness!.app.get(LiveUpdates).hub;
    const before = hub.size;
    const subscription = client.subscribe<ExportAlertMessage>(client.connect({ 'x-api-key': TEST_READER_KEY }), EXPORT_ALERTS, { f: filter });
    for (const deadline = Date.now() + 10_000; hub.size <= before; await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error('the subscription was not registered');
    }
    return subscription;
  };
  const record = async (input: ReturnType<typeof aStatisticInput>) => {
    created.push(keyOf(input));
    const response = await graphql(harness!.app, RECORD, { i: input });
    return (response.body as { data: { recordExportStatistic: { version: number; position: string } } }).data.recordExportStatistic;
  };
  const freshAt = async (position: string, year: number, month: number | null = null) =>
    (
      await graphql(
        harness!.app,
        'query($p: String!, $y: Int!, $m: Int) { dashboardSummary(year: $y, month: $m, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) { fresh } }',
        { p: position, y: year, m: month },
      )
    ).body;

  const alertsAt = async (position: string) =>
    (
      await graphql(
        harness!.app,
        `query($p: String!) {
          alerts(year: 2026, month: 8, kind: THRESHOLD, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) {
            totalCount edges { node { id kind status countryCode hsCode period valueUsd thresholdUsd closedAt } } fresh
          }
          dashboardSummary(year: 2026, month: 8, consistency: { atLeastPosition: $p, timeoutMs: 10000 }) { openAlertCount }
        }`,
        { p: position },
        { 'x-api-key': TEST_READER_KEY },
      )
    ).body;

  it('a record over the threshold opens one alert; a revision under it closes that alert', async () => {
    const input = aStatisticInput({ valueUsd: '2500000.00', weightKg: '10.000' });
    created.push(keyOf(input));
    const { countryCode, hsCode, period } = input;
    const recorded = (await graphql(harness!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { version position } }', { i: input }))
      .body as { data: { recordExportStatistic: { version: number; position: string } } };
    const opened = await alertsAt(recorded.data.recordExportStatistic.position);
    const revised = (await graphql(
      harness!.app,
      'mutation($i: ReviseExportStatisticInput!) { reviseExportStatistic(input: $i) { position } }',
      { i: { countryCode, hsCode, period, expectedVersion: recorded.data.recordExportStatistic.version, valueUsd: '999999.99', weightKg: '10.000' } },
    )).body as { data: { reviseExportStatistic: { position: string } } };
    const closed = await alertsAt(revised.data.reviseExportStatistic.position);

    const alert = { id: `threshold-2026-08-CN-${hsCode}`, kind: 'THRESHOLD', countryCode: 'CN', hsCode, period: '2026-08', thresholdUsd: '1000000.00' };
    expect(opened).toEqual({
      data: {
        alerts: { totalCount: 1, edges: [{ node: { ...alert, status: 'OPEN', valueUsd: '2500000.00', closedAt: null } }], fresh: true },
        dashboardSummary: { openAlertCount: 1 },
      },
    });
    expect(closed).toEqual({
      data: {
        alerts: { totalCount: 1, edges: [{ node: { ...alert, status: 'CLOSED', valueUsd: '999999.99', closedAt: expect.any(String) } }], fresh: true },
        dashboardSummary: { openAlertCount: 0 },
      },
    });
  });

  it('a month far above its year-ago month and its trailing mean reaches exportAlerts subscribers as a raised ANOMALY with both baselines, and closes when revised back', async () => {
    const hsCode = aStatisticInput().hsCode.replace(/^85/, '09');
    const history = Array.from({ length: 12 }, (_, i) => aStatisticInput({ countryCode: 'BR', hsCode, period: `2025-${String(i + 1).padStart(2, '0')}`, valueUsd: '1000.00', weightKg: '1.000' }));
    const anomalies = await subscribe({ kinds: ['ANOMALY'], countryCode: 'BR' });
    const thresholds = await subscribe({ kinds: ['THRESHOLD_EXCEEDED'], countryCode: 'BR' });
    created.push(...history.map(keyOf));
    const recorded = (await graphql(harness!.app, RECORD_MANY, { items: history })).body as { data: { recordExportStatistics: { position: string } } };
    // The history flushed first, so the flush that finds the anomaly is the one the rise's marks make.
    await freshAt(recorded.data.recordExportStatistics.position, 2025);

    const rise = await record(aStatisticInput({ countryCode: 'BR', hsCode, period: '2026-01', valueUsd: '5000.00', weightKg: '1.000' }));
    const raised = await anomalies.waitFor(({ exportAlerts }) => exportAlerts.change === 'RAISED');
    const queried = await graphql(
      harness!.app,
      'query($p: String!) { alerts(year: 2026, month: 1, kind: ANOMALY_RISE, country: "BR", consistency: { atLeastPosition: $p }) { totalCount edges { node { id status valueUsd } } fresh } }',
      { p: raised.exportAlerts.position },
      { 'x-api-key': TEST_READER_KEY },
    );
    await graphql(harness!.app, 'mutation($i: ReviseExportStatisticInput!) { reviseExportStatistic(input: $i) { position } }', {
      i: { countryCode: 'BR', hsCode, period: '2026-01', expectedVersion: rise.version, valueUsd: '1000.00', weightKg: '1.000' },
    });
    const closed = await anomalies.waitFor(({ exportAlerts }) => exportAlerts.change === 'CLOSED');

    const alert = {
      id: 'anomaly-rise-2026-01-BR-09',
      kind: 'ANOMALY',
      direction: 'RISE',
      countryCode: 'BR',
      hsCode: '09',
      period: '2026-01',
      value: '5000.00',
      threshold: null,
      // Twelve months of 1,000.00: the year-ago month and the mean alike.
      yearAgo: '1000.00',
      trailingMean: '1000.00',
      missed: 0,
    };
    expect(raised).toEqual({ exportAlerts: { ...alert, change: 'RAISED', status: 'OPEN', position: expect.stringMatching(/^[1-9]\d*$/) } });
    // A close keeps the figures the alert was raised with.
    expect(closed).toEqual({ exportAlerts: { ...alert, change: 'CLOSED', status: 'CLOSED', position: expect.stringMatching(/^[1-9]\d*$/) } });
    expect(BigInt(raised.exportAlerts.position)).toBeGreaterThanOrEqual(BigInt(rise.position));
    expect(queried.body).toEqual({ data: { alerts: { totalCount: 1, edges: [{ node: { id: alert.id, status: 'OPEN', valueUsd: '5000.00' } }], fresh: true } } });
    expect(anomalies.received.map(({ data }) => data!.exportAlerts.change)).toEqual(['RAISED', 'CLOSED']);
    expect(thresholds.received).toEqual([]);
  });

  it('a redelivered ExportThresholdExceeded raises no second exportAlerts message', async () => {
    const alerts = await subscribe({ kinds: ['THRESHOLD_EXCEEDED'], countryCode: 'FR' });
    const first = aStatisticInput({ countryCode: 'FR', period: '2026-03', valueUsd: '3000000.00', weightKg: '1.000' });
    await record(first);
    await alerts.waitFor(({ exportAlerts }) => exportAlerts.hsCode === first.hsCode);

    // The relay's own message for the stored event, published again: what a redelivery brings.
    const { rows } = await db.query<EventLogRow>(`select ${EVENT_LOG_ROW_COLUMNS} from event_log where stream_id = $1 and type = 'ExportThresholdExceeded'`, [`statistic:${keyOf(first)}`]);
    const again = outgoingMessage(toStoredEvent(rows[0]), topologyFromConfig(harness!.config));
    await harness!.app.get(AmqpConnection).managedChannel.publish(again.exchange, again.routingKey, again.content, again.options);
    // Behind it in its queue, the watermark of a later write: fresh there, the redelivery was applied.
    const later = await record(aStatisticInput({ countryCode: 'FR', period: '2026-03', valueUsd: '10.00', weightKg: '1.000' }));
    const fresh = await freshAt(later.position, 2026, 3);
    // And a NOTIFY committed after it: a second message about the first would have come before this one.
    const second = aStatisticInput({ countryCode: 'FR', period: '2026-03', valueUsd: '4000000.00', weightKg: '1.000' });
    await record(second);
    await alerts.waitFor(({ exportAlerts }) => exportAlerts.hsCode === second.hsCode);

    expect(fresh).toEqual({ data: { dashboardSummary: { fresh: true } } });
    expect(alerts.received.map(({ data }) => [data!.exportAlerts.hsCode, data!.exportAlerts.change])).toEqual([
      [first.hsCode, 'RAISED'],
      [second.hsCode, 'RAISED'],
    ]);
  });
});
