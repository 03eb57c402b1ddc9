import { MikroORM, RequestContext } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { ContextRunner } from '../../src/platform/delivery/batch-applier';
import type { ConsumerGroup } from '../../src/platform/delivery/consumer-group';
import { mikroOrmOptions } from '../../src/platform/database/mikro-orm.options';
import { DeliveryHarness, eventually, sleep } from '../support/delivery-harness';
import { RecordingHandler } from '../support/recording-handler';

/**
 * Log -> relay -> consistent-hash exchange -> 4 quorum shard queues -> 4 consumer instances (one
 * active per queue), with a key that keeps failing, an instance stopping mid-flow and a replay.
 */
describe('delivery order per key (int)', () => {
  const KEYS = 40;
  const ROUNDS = 25;
  const harness = new DeliveryHarness({ SHARD_COUNT: '4', CONSUMER_BATCH_SIZE: '50', CONSUMER_MAX_RETRIES: '2' });
  const recorder = new RecordingHandler();
  let orm: MikroORM;
  let inContext: ContextRunner;
  const instances: ConsumerGroup[] = [];
  const failingKey = harness.streamId('k7');

  beforeAll(async () => {
    orm = await MikroORM.init<PostgreSqlDriver>({ ...mikroOrmOptions(harness.config), pool: { min: 0, max: 2 } });
    inContext = (work) => RequestContext.create(orm.em, work);
    await harness.declareTopology();
    for (let i = 0; i < 4; i++) instances.push(await harness.startConsumers([recorder], inContext));
    await harness.startRelay();
  });

  afterAll(async () => {
    await harness.cleanUp();
    await orm.close();
  });

  it('applies every key in stream-version order; a failing key is parked with its later events while the others complete; the replay applies them in order', async () => {
    recorder.failing = (event) => event.key === failingKey && event.streamVersion === 3;
    const keys = Array.from({ length: KEYS }, (_, k) => harness.streamId(`k${k}`));
    for (let version = 1; version <= ROUNDS; version++) {
      await harness.append(shuffle(keys).map((streamId) => ({ streamId, version })));
      if (version === Math.floor(ROUNDS / 2)) {
        // Mid-flow, the first instance (active on every queue, having subscribed first) leaves;
        // the broker hands what it held back, in order, to the next instance.
        await eventually(() => recorder.seen.size >= KEYS * 5, 20_000);
        await harness.stopConsumers(instances.shift()!);
      }
    }

    const others = keys.filter((key) => key !== failingKey);
    const complete = () => others.every((key) => recorder.versions(key).length === ROUNDS);
    expect(await eventually(async () => complete() && (await harness.parkedMessages(failingKey)).length === ROUNDS - 2, 60_000)).toBe(true);
    for (const key of others) expect(recorder.versions(key)).toEqual(range(1, ROUNDS));
    expect(recorder.versions(failingKey)).toEqual([1, 2]);
    const parked = await harness.parkedMessages(failingKey);
    expect(parked.map((message) => message.streamVersion)).toEqual(range(3, ROUNDS));
    expect(parked.map((message) => message.reason)).toEqual(['HANDLER_FAILED', ...Array(ROUNDS - 3).fill('KEY_PARKED')]);
    expect(parked[0].errors).toEqual(Array(3).fill(`recording-handler: Error: forced failure at ${failingKey} v3`));

    // Later events of the parked key are parked behind it, not applied.
    await harness.append([26, 27].map((version) => ({ streamId: failingKey, version })));
    expect(await eventually(async () => (await harness.parkedMessages(failingKey)).length === ROUNDS, 20_000)).toBe(true);
    expect(recorder.versions(failingKey)).toEqual([1, 2]);

    // The fault is fixed; the replay runs slowly while one more event of the key arrives.
    recorder.failing = () => false;
    recorder.delayMs = 20;
    const replay = harness.replayer([recorder], inContext).replay(failingKey, 'test-operator');
    await sleep(100);
    await harness.append([{ streamId: failingKey, version: 28 }]);
    const result = await replay;
    recorder.delayMs = 0;

    expect(result).toMatchObject({ key: failingKey, unparked: true, failedMessageId: null, error: null });
    expect(await eventually(() => recorder.versions(failingKey).length === 28, 20_000)).toBe(true);
    expect(recorder.versions(failingKey)).toEqual(range(1, 28));
    expect(await harness.parkedMessages(failingKey)).toEqual([]);
    expect(recorder.withoutContext).toBe(0);
  }, 120_000);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function shuffle<T>(items: readonly T[]): T[] {
  return [...items].sort(() => Math.random() - 0.5);
}
