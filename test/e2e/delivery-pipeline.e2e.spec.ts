import { Pool } from 'pg';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { deleteRelayState, startCheckpointAtHead } from '../support/relay-state';
import { eventually } from '../support/delivery-harness';
import { aStatisticInput, deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { testConfig, uniqueName } from '../support/test-config';

/**
 * The application's own wiring: a mutation's event is published by the relay the app starts,
 * routed to a shard queue, and settled by the app's consumer; the metrics say so.
 */
describe('the delivery pipeline inside the app', () => {
  const overrides = {
    RELAY_ENABLED: 'true',
    CONSUMERS_ENABLED: 'true',
    RELAY_NAME: uniqueName('test-relay'),
    BROKER_PREFIX: uniqueName('test-pipeline'),
  };
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const input = aStatisticInput();

  beforeAll(async () => {
    // The app's relay starts at the current head of the shared test log, not at its beginning.
    const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 1 });
    await startCheckpointAtHead(db, overrides.RELAY_NAME);
    await db.end();
    harness = await startTestApp(overrides);
  });

  afterAll(async () => {
    const { config, db } = harness;
    await deleteStatistics(db, [keyOf(input)]);
    await deleteRelayState(db, config.RELAY_NAME);
    for (const table of ['parked_message', 'parked_key', 'parking_log']) await db.query(`delete from ${table} where scope = $1`, [config.BROKER_PREFIX]);
    await stopTestApp(harness);
    await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
  });

  const metric = async (name: string): Promise<number> => {
    const response = await harness.app.inject({ method: 'GET', url: '/metrics' });
    const lines = response.body.split('\n').filter((line) => line.startsWith(name));
    return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  };

  it('publishes a recorded statistic and settles it in a shard consumer', async () => {
    const receipt = await graphql(
      harness.app,
      'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { version } }',
      { input },
    );
    expect(receipt.body).toEqual({ data: { recordExportStatistic: { version: 1 } } });

    expect(await eventually(async () => (await metric('exportstats_relay_published_total')) >= 1, 15_000, 200)).toBe(true);
    expect(await eventually(async () => (await metric('exportstats_consumer_processed_total{queue="' + harness.config.BROKER_PREFIX + '.statistics.shard-')) >= 1, 15_000, 200)).toBe(true);
    expect(await metric('exportstats_relay_active')).toBe(1);
  }, 40_000);
});
