import { anEnvelope } from '../support/wire.fixtures';
import { decodeDelivery } from '../../src/platform/delivery/decode-delivery';
import { aRawDelivery } from '../support/delivery.fixtures';
import { ParkingStore } from '../../src/platform/delivery/parking/parking.store';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_READER_KEY } from '../support/test-config';

/**
 * The operators' side of delivery through the running app: parked keys over GraphQL (operator
 * only) and the Prometheus endpoint. Consumers run (so the topology is declared, and deleted
 * after); the relay stays off, the parked key is put in place directly.
 */
describe('delivery operations through GraphQL and /metrics', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const key = 'statistic:ZZ-9999999999-2026-01';
  const envelope = anEnvelope({ streamId: key, streamVersion: 4, type: 'ExportStatisticTeleported', eventId: '7d3c1c9e-0000-4000-8000-00000000e2e1' });

  beforeAll(async () => {
    harness = await startTestApp({ CONSUMERS_ENABLED: 'true' });
    const raw = aRawDelivery(envelope, { queue: `${harness.config.BROKER_PREFIX}.statistics.shard-2` });
    await new ParkingStore(harness.db, harness.config.BROKER_PREFIX).admit([decodeDelivery(raw, 10)]);
  });

  afterAll(async () => {
    for (const table of ['parked_message', 'parked_key', 'parking_log']) {
      await harness.db.query(`delete from ${table} where scope = $1`, [harness.config.BROKER_PREFIX]);
    }
    const { config } = harness;
    await stopTestApp(harness);
    await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
  });

  const PARKED = `{ parkedKeys(limit: 10) { key queue reason messageCount messages(limit: 10) { messageId reason attempts errors type streamVersion routingKey } } }`;

  it('lists parked keys with their messages, for operators', async () => {
    const response = await graphql(harness.app, PARKED);

    expect(response).toEqual({
      statusCode: 200,
      body: {
        data: {
          parkedKeys: [
            {
              key,
              queue: `${harness.config.BROKER_PREFIX}.statistics.shard-2`,
              reason: 'UNKNOWN_TYPE',
              messageCount: 1,
              messages: [
                {
                  messageId: envelope.eventId,
                  reason: 'UNKNOWN_TYPE',
                  attempts: 0,
                  errors: ['unknown event type ExportStatisticTeleported'],
                  type: 'ExportStatisticTeleported',
                  streamVersion: 4,
                  routingKey: 'ZZ-9999999999-2026-01',
                },
              ],
            },
          ],
        },
      },
    });
  });

  it('refuses readers', async () => {
    const response = await graphql(harness.app, PARKED, {}, { 'x-api-key': TEST_READER_KEY });

    expect(response).toEqual({
      statusCode: 200,
      body: {
        data: null,
        errors: [
          {
            message: 'this operation requires the operator role: send an x-api-key header or a bearer token that grants it',
            locations: [{ line: 1, column: 3 }],
            path: ['parkedKeys'],
            extensions: { code: 'UNAUTHORIZED', errorCode: 'AUTH.UNAUTHORIZED', requiredRole: 'operator' },
          },
        ],
      },
    });
  });

  it('exposes the delivery metrics to Prometheus', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    for (const line of [
      'exportstats_relay_published_total 0',
      'exportstats_relay_active 0',
      'exportstats_parked_keys 1',
      'exportstats_parked_messages 1',
      `exportstats_queue_depth{queue="${harness.config.BROKER_PREFIX}.statistics.shard-0"} 0`,
      `exportstats_queue_depth{queue="${harness.config.BROKER_PREFIX}.reference.events"} 0`,
    ]) {
      expect(response.body.split('\n')).toContain(line);
    }
    expect(response.body).toMatch(/^exportstats_relay_lag_events \d+$/m);
    expect(response.body).toMatch(/^exportstats_relay_lag_seconds [\d.e+]+$/m);
  });

  it('keeps a key parked when its replay fails again, and discards it with a reason', async () => {
    const replay = await graphql(harness.app, `mutation($key: String!) { replayParkedKey(key: $key) { key replayed unparked failedMessageId error } }`, { key });
    const noReason = await graphql(harness.app, `mutation($key: String!) { discardParkedKey(key: $key, reason: " ") { discarded } }`, { key });
    const discard = await graphql(harness.app, `mutation($key: String!) { discardParkedKey(key: $key, reason: "type was never released") { key discarded } }`, { key });
    const after = await graphql(harness.app, `query($key: String!) { parkedKey(key: $key) { key } }`, { key });

    expect(replay.body).toEqual({
      data: {
        replayParkedKey: {
          key,
          replayed: 0,
          unparked: false,
          failedMessageId: envelope.eventId,
          error: 'still undeliverable (UNKNOWN_TYPE): unknown event type ExportStatisticTeleported',
        },
      },
    });
    expect(noReason.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'VALIDATION', field: 'reason' } }] });
    expect(discard.body).toEqual({ data: { discardParkedKey: { key, discarded: 1 } } });
    expect(after.body).toEqual({ data: { parkedKey: null } });
  });
});
