import { DeliveryHarness, eventually, sleep } from '../support/delivery-harness';
import { startBroker, stopBroker } from '../support/broker-control';
import { RecordingHandler } from '../support/recording-handler';

/**
 * The RabbitMQ application stops and starts in the middle of a 10,000-event flow: the relay
 * republishes from its checkpoint, the consumers reconnect, and nothing is missing at the end.
 * Duplicates may arrive; the handler recognises them by event id.
 */
describe('broker restart during delivery (int)', () => {
  const harness = new DeliveryHarness({ RELAY_BATCH_SIZE: '500', RELAY_CONFIRM_TIMEOUT_MS: '5000' });
  const recorder = new RecordingHandler();

  beforeAll(async () => {
    await harness.declareTopology();
    for (let i = 0; i < 2; i++) await harness.startConsumers([recorder]);
    await harness.startRelay();
  });

  afterAll(async () => {
    // Whatever happened above, the broker must be up again for everyone else.
    await startBroker();
    await harness.cleanUp();
  }, 180_000);

  it('misses no event after stop_app / start_app in the middle of a 10,000-event flow', async () => {
    const keys = Array.from({ length: 100 }, (_, k) => harness.streamId(`k${k}`));
    const written = new Set<string>();
    const writing = (async () => {
      for (let version = 1; version <= 100; version++) {
        for (const id of await harness.append(keys.map((streamId) => ({ streamId, version })))) written.add(id);
        await sleep(60);
      }
    })();

    await eventually(() => recorder.seen.size >= 2000, 30_000);
    try {
      await stopBroker();
      await sleep(3000);
    } finally {
      await startBroker();
    }
    await writing;

    expect(written.size).toBe(10_000);
    const missing = () => [...written].filter((id) => !recorder.seen.has(id)).length;
    expect(await eventually(() => missing() === 0, 120_000, 250)).toBe(true);
    for (const key of keys) expect(recorder.versions(key)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    console.log(`broker restart: 10,000 events, ${recorder.duplicates} duplicate deliveries recognised and ignored`);
  }, 240_000);
});
