import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { once } from 'node:events';
import { Pool } from 'pg';
import WebSocket from 'ws';
import { LiveUpdates, liveListenerName } from '../../src/platform/live/live-updates';
import { describeFailure, listenForSubscriptions, LiveTestClient } from '../support/live-client';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_OPERATOR_KEY, TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

interface DashboardUpdate {
  dashboardUpdated: { year: number; month: number; position: string; missed: number };
}

const DASHBOARD_UPDATED = `subscription($year: Int!, $month: Int) {
  dashboardUpdated(year: $year, month: $month) { year month position missed } }`;
const RECORD = 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { position } }';

/**
 * GraphQL subscriptions through the listening app, with a real WebSocket client: instance A has
 * the relay and the consumers and closed reads; instance B, on the same database, broker and
 * indexes, has neither (so whatever its subscribers hear crossed from A) and open reads.
 */
describe('GraphQL subscriptions', () => {
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const created: string[] = [];
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  let clientA: LiveTestClient;
  let clientB: LiveTestClient;

  beforeAll(async () => {
    a = await startLiveTestApp(db, relayName, { PUBLIC_READS: 'false' });
    b = await startTestApp({ ES_INDEX_PREFIX: a.config.ES_INDEX_PREFIX, BROKER_PREFIX: a.config.BROKER_PREFIX, RELAY_NAME: relayName, GRAPHQL_MAX_DEPTH: '2' });
    clientA = new LiveTestClient(await listenForSubscriptions(a.app));
    clientB = new LiveTestClient(await listenForSubscriptions(b.app));
  });

  afterAll(async () => {
    await clientA?.close();
    await clientB?.close();
    await deleteStatistics(db, created);
    // The broker module keeps its connections in one registry per process, where the second app's
    // replaces the first's: closing the apps would leave A's connection open. Closed here.
    const brokerConnections = [a, b].flatMap((harness) => (harness ? [harness.app.get(AmqpConnection)] : []));
    if (b) await stopTestApp(b);
    await stopLiveTestApp(db, relayName, a);
    await Promise.all(brokerConnections.map((connection) => connection.close().catch(() => undefined)));
    await db.end();
  });

  const hubOf = (harness: TestApp | undefined) => harness!.app.get(LiveUpdates).hub;
  /** The server registers a subscription a moment after the client sends it: wait until it holds `count`. */
  const subscribersReach = async (harness: TestApp | undefined, count: number) => {
    for (const deadline = Date.now() + 10_000; hubOf(harness).size < count; ) {
      if (Date.now() > deadline) throw new Error(`the hub holds ${hubOf(harness).size} subscribers, not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const record = async (harness: TestApp | undefined, input: ReturnType<typeof aStatisticInput>) => {
    created.push(keyOf(input));
    const response = await graphql(harness!.app, RECORD, { i: input });
    return (response.body as { data: { recordExportStatistic: { position: string } } }).data.recordExportStatistic.position;
  };

  it('a mutation is followed by dashboardUpdated for its month, at or past its position, and a query at that position reads the new total fresh', async () => {
    const input = aStatisticInput({ period: '2026-05', valueUsd: '7300.25', weightKg: '12.500' });
    const before = hubOf(a).size;
    const subscription = clientA.subscribe<DashboardUpdate>(clientA.connect({ 'x-api-key': TEST_READER_KEY }), DASHBOARD_UPDATED, { year: 2026, month: 5 });
    await subscribersReach(a, before + 1);

    const position = await record(a, input);
    const update = await subscription.waitFor(({ dashboardUpdated }) => BigInt(dashboardUpdated.position) >= BigInt(position));
    const summary = await graphql(
      a!.app,
      `query($p: String!) { dashboardSummary(year: 2026, month: 5, consistency: { atLeastPosition: $p }) { total { valueUsd weightKg statisticCount } fresh } }`,
      { p: update.dashboardUpdated.position },
      { 'x-api-key': TEST_READER_KEY },
    );

    expect(update).toEqual({ dashboardUpdated: { year: 2026, month: 5, position: update.dashboardUpdated.position, missed: 0 } });
    // Every update for May came from this test's one statistic: none reflects less than it.
    expect(subscription.received.every(({ data }) => BigInt(data!.dashboardUpdated.position) >= BigInt(position))).toBe(true);
    expect(summary).toEqual({
      statusCode: 200,
      body: { data: { dashboardSummary: { total: { valueUsd: '7300.25', weightKg: '12.500', statisticCount: 1 }, fresh: true } } },
    });
  });

  it('a record over the threshold raises an exportAlerts message, and a filter keeps out what it does not match', async () => {
    const input = aStatisticInput({ period: '2026-06', valueUsd: '2500000.00', weightKg: '10.000' });
    const before = hubOf(a).size;
    const connection = clientA.connect({ 'x-api-key': TEST_READER_KEY });
    const alerts = clientA.subscribe<{ exportAlerts: Record<string, unknown> }>(
      connection,
      `subscription($f: ExportAlertFilter) { exportAlerts(filter: $f) { kind countryCode hsCode period value threshold status position missed } }`,
      { f: { hsPrefix: input.hsCode, kinds: ['THRESHOLD_EXCEEDED'] } },
    );
    const elsewhere = clientA.subscribe<{ exportAlerts: Record<string, unknown> }>(connection, `subscription { exportAlerts(filter: { countryCode: "JP" }) { hsCode } }`);
    await subscribersReach(a, before + 2);

    await record(a, input);
    const alert = await alerts.waitFor(() => true);
    const { rows } = await db.query<{ position: string }>(
      `select position::text from event_log where stream_id = $1 and type = 'ExportThresholdExceeded'`,
      [`statistic:${keyOf(input)}`],
    );

    expect(alert).toEqual({
      exportAlerts: {
        kind: 'THRESHOLD_EXCEEDED',
        countryCode: input.countryCode,
        hsCode: input.hsCode,
        period: '2026-06',
        value: '2500000.00',
        threshold: '1000000.00',
        status: 'OPEN',
        position: rows[0].position,
        missed: 0,
      },
    });
    expect(elsewhere.received).toEqual([]);
  });

  it('a subscriber on one instance hears of a mutation sent to the other, which projected it', async () => {
    const input = aStatisticInput({ period: '2026-04', valueUsd: '100.00', weightKg: '1.000' });
    const before = hubOf(b).size;
    const subscription = clientB.subscribe<DashboardUpdate>(clientB.connect(), DASHBOARD_UPDATED, { year: 2026 });
    await subscribersReach(b, before + 1);

    const position = await record(a, input);
    const update = await subscription.waitFor(({ dashboardUpdated }) => dashboardUpdated.month === 4 && BigInt(dashboardUpdated.position) >= BigInt(position));

    expect(update.dashboardUpdated).toEqual({ year: 2026, month: 4, position: update.dashboardUpdated.position, missed: 0 });
    expect(b!.config.CONSUMERS_ENABLED || b!.config.RELAY_ENABLED).toBe(false);
  });

  it('an exportAlerts subscriber on the other instance hears of the alert the projecting instance wrote', async () => {
    const input = aStatisticInput({ period: '2026-04', valueUsd: '1500000.00', weightKg: '1.000' });
    const before = hubOf(b).size;
    const alerts = clientB.subscribe<{ exportAlerts: { hsCode: string; change: string } }>(clientB.connect(), `subscription($f: ExportAlertFilter) { exportAlerts(filter: $f) { hsCode change } }`, {
      f: { hsPrefix: input.hsCode },
    });
    await subscribersReach(b, before + 1);

    await record(a, input);

    expect(await alerts.waitFor(() => true)).toEqual({ exportAlerts: { hsCode: input.hsCode, change: 'RAISED' } });
  });

  it.each([
    ['no credential', undefined],
    ['a wrong key', { 'x-api-key': 'not-a-key' }],
  ])('with closed reads, a connection with %s is refused (4403 Forbidden) and nothing is subscribed', async (_what, params) => {
    const before = hubOf(a).size;
    const subscription = clientA.subscribe<DashboardUpdate>(clientA.connect(params), DASHBOARD_UPDATED, { year: 2026, month: 5 });

    const failure = await subscription.ended();

    expect(describeFailure(failure)).toBe('close 4403 Forbidden');
    expect(subscription.received).toEqual([]);
    expect(hubOf(a).size).toBe(before);
  });

  it('a reader may not follow a customs import (operators only), and says so with the code a query gets', async () => {
    const subscription = clientA.subscribe(clientA.connect({ 'x-api-key': TEST_READER_KEY }), 'subscription { customsImportProgress(id: "0b0c2a36-5d3c-4c7e-9d5e-2f1f0f3c8a10") { state } }');

    const failure = await subscription.ended();

    expect(failure).toEqual([
      expect.objectContaining({ message: expect.stringContaining('operator'), extensions: expect.objectContaining({ code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED' }) }),
    ]);
  });

  it('a subscription deeper than GRAPHQL_MAX_DEPTH is refused before it runs', async () => {
    const before = hubOf(b).size;
    const subscription = clientB.subscribe(clientB.connect(), 'subscription { customsImportProgress(id: "x") { unit { id } } }');

    const failure = await subscription.ended();

    expect(failure).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) })]);
    expect(hubOf(b).size).toBe(before);
  });

  it('a connection holds at most SUBSCRIPTIONS_MAX_PER_CONNECTION subscriptions', async () => {
    const limit = b!.config.SUBSCRIPTIONS_MAX_PER_CONNECTION;
    const connection = clientB.connect();
    const before = hubOf(b).size;
    const held = Array.from({ length: limit }, () => clientB.subscribe<DashboardUpdate>(connection, DASHBOARD_UPDATED, { year: 2025 }));
    await subscribersReach(b, before + limit);

    const over = clientB.subscribe(connection, DASHBOARD_UPDATED, { year: 2025 });

    expect(await over.ended()).toEqual([
      expect.objectContaining({ extensions: { code: 'VALIDATION', errorCode: 'LIVE.TOO_MANY_SUBSCRIPTIONS', limit } }),
    ]);
    expect(held.every((subscription) => subscription.failure() === undefined)).toBe(true);
  });

  it('the legacy graphql-ws protocol (subscriptions-transport-ws) is served on the same path', async () => {
    const input = aStatisticInput({ period: '2026-07', valueUsd: '55.00', weightKg: '1.000' });
    const before = hubOf(a).size;
    const socket = new WebSocket(clientA.url, 'graphql-ws');
    const messages: { type: string; id?: string; payload?: { data?: DashboardUpdate } }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': TEST_READER_KEY } }));
    await waitUntil(() => messages.some(({ type }) => type === 'connection_ack'));
    socket.send(JSON.stringify({ id: '1', type: 'start', payload: { query: DASHBOARD_UPDATED, variables: { year: 2026, month: 7 } } }));
    await subscribersReach(a, before + 1);

    const position = await record(a, input);
    await waitUntil(() => messages.some(({ type, payload }) => type === 'data' && BigInt(payload?.data?.dashboardUpdated.position ?? 0) >= BigInt(position)), 15_000);
    socket.close();
    await waitUntil(() => hubOf(a).size === before);

    expect(messages.find(({ type }) => type === 'data')).toEqual({
      type: 'data',
      id: '1',
      payload: { data: { dashboardUpdated: { year: 2026, month: 7, position: expect.any(String), missed: 0 } } },
    });
  });

  it('no subscriber, listener or database connection is left behind once clients disconnect', async () => {
    const listeners = async () => {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [liveListenerName(a!.config.BROKER_PREFIX)]);
      return rows[0].n;
    };
    await clientB.close();
    await clientA.close();
    await waitUntil(() => hubOf(a).size === 0 && hubOf(b).size === 0);
    const baseline = { a: hubOf(a).size, b: hubOf(b).size, connections: hubOf(a).connections + hubOf(b).connections, listeners: await listeners() };

    const client = new LiveTestClient(clientA.url);
    const connections = [client.connect({ 'x-api-key': TEST_OPERATOR_KEY }), client.connect({ 'x-api-key': TEST_READER_KEY })];
    for (const connection of connections) {
      client.subscribe(connection, DASHBOARD_UPDATED, { year: 2026 });
      client.subscribe(connection, 'subscription { exportAlerts { hsCode } }');
    }
    client.subscribe(connections[0], 'subscription { customsImportProgress(id: "x") { state } }');
    await subscribersReach(a, 5);
    const during = { subscribers: hubOf(a).size, connections: hubOf(a).connections, listeners: await listeners() };
    await client.close();
    await waitUntil(() => hubOf(a).size === 0);

    const scrape = await a!.app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.body.split('\n')).toEqual(expect.arrayContaining(['exportstats_live_subscribers 0', 'exportstats_live_connections 0', 'exportstats_live_listening 1']));
    expect(during).toEqual({ subscribers: 5, connections: 2, listeners: 2 });
    expect({ a: hubOf(a).size, b: hubOf(b).size, connections: hubOf(a).connections + hubOf(b).connections, listeners: await listeners() }).toEqual(baseline);
    expect(baseline).toEqual({ a: 0, b: 0, connections: 0, listeners: 2 });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
