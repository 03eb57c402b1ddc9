import { DeliveryHarness, eventually, sleep } from '../support/delivery-harness';
import { privateRabbitMq } from '../support/private-services';
import { RecordingHandler } from '../support/recording-handler';

/**
 * The broker stops and starts in the middle of a 10,000-event flow: the relay republishes from its
 * checkpoint, the consumers reconnect, and nothing is missing at the end. Duplicates may arrive;
 * the handler recognises them by event id. The broker is a node of this test's own
 * (scripts/rabbitmq-node.sh: its own port, data and cookie), stopped by its pid: the shared broker
 * that other tests and a running app use is never touched.
 */
describe('broker restart during delivery (int)', () => {
  let broker: Awaited<ReturnType<typeof privateRabbitMq>>;
  let harness: DeliveryHarness;
  const recorder = new RecordingHandler();

  beforeAll(async () => {
    broker = await privateRabbitMq();
    await broker.start();
    harness = new DeliveryHarness({ RABBITMQ_URL: broker.url, RELAY_BATCH_SIZE: '500', RELAY_CONFIRM_TIMEOUT_MS: '5000' });
    await harness.declareTopology();
    for (let i = 0; i < 2; i++) await harness.startConsumers([recorder]);
    await harness.startRelay();
  }, 300_000);

  afterAll(async () => {
    // The node may be down if the test failed in the middle: up again, so the clean-up can reach it.
    await broker?.start();
    await harness?.cleanUp();
    await broker?.remove();
  }, 300_000);

  it('misses no event after the broker stops and starts in the middle of a 10,000-event flow', async () => {
    const keys = Array.from({ length: 100 }, (_, k) => harness.streamId(`k${k}`));
    const written = new Set<string>();
    const writing = (async () => {
      for (let version = 1; version <= 100; version++) {
        for (const id of await harness.append(keys.map((streamId) => ({ streamId, version })))) written.add(id);
        await sleep(60);
      }
    })();

    await eventually(() => recorder.seen.size >= 2000, 60_000);
    try {
      await broker.stop();
      await sleep(3000);
    } finally {
      await broker.start();
    }
    await writing;

    expect(written.size).toBe(10_000);
    const missing = () => [...written].filter((id) => !recorder.seen.has(id)).length;
    expect(await eventually(() => missing() === 0, 180_000, 250)).toBe(true);
    for (const key of keys) expect(recorder.versions(key)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    console.log(`broker restart: 10,000 events, ${recorder.duplicates} duplicate deliveries recognised and ignored`);
  }, 480_000);
});
