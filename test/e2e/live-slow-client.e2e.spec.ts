import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { createClient, type Client } from 'graphql-ws';
import { Pool } from 'pg';
import WebSocket from 'ws';
import { LiveUpdates } from '../../src/platform/live/live-updates';
import { listenForSubscriptions, LiveTestClient } from '../support/live-client';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

const BUFFER = 10;
const ROUND = 5_000;
const MAX_ROUNDS = 20;
/** Every field, so each message is a few hundred bytes and the socket's buffers fill sooner. */
const EXPORT_ALERTS = `subscription { exportAlerts(filter: { countryCode: "XS" }) {
  id kind change direction countryCode hsCode period value threshold yearAgo trailingMean status position raisedAt missed } }`;
const DASHBOARD_UPDATED = 'subscription($y: Int!, $m: Int) { dashboardUpdated(year: $y, month: $m) { position missed } }';

/** An alert as the hub carries it, numbered by its position (in a country code no statistic uses). */
function anAlert(position: number) {
  return {
    id: `threshold-2026-02-XS-85${String(position).padStart(8, '0')}`,
    kind: 'THRESHOLD_EXCEEDED',
    change: 'RAISED',
    direction: null,
    countryCode: 'XS',
    hsCode: `85${String(position).padStart(8, '0')}`,
    period: '2026-02',
    value: '123456789012.34',
    threshold: '1000000.00',
    yearAgo: null,
    trailingMean: null,
    status: 'OPEN',
    position: String(position),
    raisedAt: '2026-12-08T09:00:00.000Z',
  };
}

/**
 * A client that stops reading while a flood of alerts is published, through the real path:
 * NOTIFY, the instance's listener, the hub, Mercurius and a graphql-ws client whose socket is
 * paused, so the kernel's buffers fill and Mercurius stops taking values from the subscription.
 * The projection goes on meanwhile; the client, resumed, reads the newest values with the count of
 * those dropped; its connection's subscriptions are released when it goes.
 */
describe('a slow live client', () => {
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const created: string[] = [];
  const sockets: WebSocket[] = [];
  let harness: TestApp | undefined;
  let attentive: LiveTestClient;
  let slow: Client | undefined;

  /** The client's WebSocket, kept so the test can pause the socket underneath it. */
  class TrackedWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  }

  beforeAll(async () => {
    harness = await startLiveTestApp(db, relayName, { SUBSCRIPTION_BUFFER_SIZE: String(BUFFER), SUBSCRIPTION_KEEPALIVE_MS: '600000' });
    attentive = new LiveTestClient(await listenForSubscriptions(harness.app));
  });

  afterAll(async () => {
    await slow?.dispose();
    await attentive?.close();
    await deleteStatistics(db, created);
    const broker = harness?.app.get(AmqpConnection);
    await stopLiveTestApp(db, relayName, harness);
    await broker?.close().catch(() => undefined);
    await db.end();
  });

  const hub = () => harness!.app.get(LiveUpdates).hub;
  const until = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) => {
    for (const deadline = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };
  const dropped = async () => {
    const scrape = await harness!.app.inject({ method: 'GET', url: '/metrics' });
    return Number(/^exportstats_live_dropped_total (\d+)/m.exec(scrape.body)?.[1] ?? 0);
  };

  it('drops the oldest of what it cannot take, without holding back the publisher or the projection, says how many on resuming, and releases its subscription when it goes', async () => {
    const received: { position: string; missed: number }[] = [];
    slow = createClient({ url: attentive.url, webSocketImpl: TrackedWebSocket, connectionParams: { 'x-api-key': TEST_READER_KEY }, retryAttempts: 0, lazy: true, lazyCloseTimeout: 0 });
    slow.subscribe<{ exportAlerts: { position: string; missed: number } }>({ query: EXPORT_ALERTS }, {
      next: ({ data }) => void received.push({ position: data!.exportAlerts.position, missed: data!.exportAlerts.missed }),
      error: () => undefined,
      complete: () => undefined,
    });
    const input = aStatisticInput({ countryCode: 'CN', period: '2026-02', valueUsd: '12.00', weightKg: '1.000' });
    const updates = attentive.subscribe<{ dashboardUpdated: { position: string } }>(attentive.connect({ 'x-api-key': TEST_READER_KEY }), DASHBOARD_UPDATED, { y: 2026, m: 2 });
    await until(() => hub().size === 2 && sockets.length === 1, 'both subscriptions');
    const droppedBefore = await dropped();

    sockets[0].pause();
    let published = 0;
    for (let round = 0; round < MAX_ROUNDS && (await dropped()) === droppedBefore; round++) {
      await harness!.app.get(LiveUpdates).publish('exportAlerts', Array.from({ length: ROUND }, (_, i) => anAlert(published + i + 1)));
      published += ROUND;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const droppedWhilePaused = (await dropped()) - droppedBefore;
    // The projection while the client reads nothing: a write, its flush and its update to another client.
    created.push(keyOf(input));
    const { position } = ((await graphql(harness!.app, 'mutation($i: RecordExportStatisticInput!) { recordExportStatistic(input: $i) { position } }', { i: input })).body as {
      data: { recordExportStatistic: { position: string } };
    }).data.recordExportStatistic;
    const update = await updates.waitFor(({ dashboardUpdated }) => BigInt(dashboardUpdated.position) >= BigInt(position));
    const fresh = await graphql(harness!.app, 'query($p: String!) { dashboardSummary(year: 2026, month: 2, consistency: { atLeastPosition: $p }) { fresh } }', {
      p: update.dashboardUpdated.position,
    }, { 'x-api-key': TEST_READER_KEY });
    const readWhilePaused = received.length;

    sockets[0].resume();
    await until(() => received.at(-1)?.position === String(published), `the newest alert, ${published}`);
    await slow.dispose();
    slow = undefined;
    await until(() => hub().size === 1, 'the slow subscription released');

    expect(droppedWhilePaused).toBeGreaterThan(0);
    expect(fresh.body).toEqual({ data: { dashboardSummary: { fresh: true } } });
    // Every alert published either reached the client or was counted in the `missed` of the next one it got.
    expect(received.length + received.reduce((sum, { missed }) => sum + missed, 0)).toBe(published);
    expect(received.some(({ missed }) => missed > 0)).toBe(true);
    expect(received.map(({ position: p }) => Number(p))).toEqual([...received.map(({ position: p }) => Number(p))].sort((a, b) => a - b));
    // What it held when it resumed was the newest: the subscription's buffer is never more than BUFFER behind.
    expect(received.slice(-BUFFER).map(({ position: p }) => Number(p))).toEqual(Array.from({ length: BUFFER }, (_, i) => published - BUFFER + 1 + i));
    expect(readWhilePaused).toBeLessThan(published);
    expect({ subscribers: hub().size, connections: hub().connections }).toEqual({ subscribers: 1, connections: 1 });
  });
});
