import { randomUUID } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { toEnvelope } from '../../src/platform/messaging/wire/event-envelope';
import { publishOptions } from '../../src/platform/messaging/wire/message-headers';
import { DeliveryHarness, eventually } from '../support/delivery-harness';
import { RecordingHandler } from '../support/recording-handler';

/** Poison goes straight onto the shard queue, as a faulty or foreign publisher would put it there. */
describe('poison messages (int)', () => {
  const harness = new DeliveryHarness({ SHARD_COUNT: '1', QUEUE_DELIVERY_LIMIT: '5' });
  const recorder = new RecordingHandler();
  let connection: ChannelModel;
  let channel: ConfirmChannel;
  const [shard] = harness.topology.shardQueues;

  const event = (key: string, version: number, overrides: { type?: string; schemaVersion?: number } = {}) =>
    toEnvelope({
      position: '1',
      transactionId: '1',
      eventId: randomUUID(),
      streamId: harness.streamId(key),
      streamVersion: version,
      type: overrides.type ?? 'ExportStatisticRecorded',
      schemaVersion: overrides.schemaVersion ?? 1,
      data: { version },
      metadata: { correlationId: 'poison-test', causationId: null, actor: 'test' },
      occurredAt: new Date(),
    });
  const send = (body: Buffer | object, options = {}) =>
    channel.sendToQueue(shard, Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)), options);

  beforeAll(async () => {
    await harness.declareTopology();
    await harness.startConsumers([recorder]);
    connection = await connect(harness.config.RABBITMQ_URL);
    channel = await connection.createConfirmChannel();
  });

  afterAll(async () => {
    await connection.close();
    await harness.cleanUp();
  });

  it('parks unparseable, unknown, unsupported and crash-looping messages with their reason (and their keys\' later messages); the consumer goes on', async () => {
    const behindUnparseable = event('p1', 2);
    const unknown = event('p2', 1, { type: 'ExportStatisticTeleported' });
    const unsupported = event('p3', 1, { schemaVersion: 99 });
    const crashLooping = event('p4', 1);
    const healthy = [event('g1', 1), event('g1', 2), event('g2', 1)];

    send(Buffer.from('{"envelopeVersion": 1, "eventId": '), { messageId: 'broken-1', headers: { 'stream-id': harness.streamId('p1') } });
    send(behindUnparseable, publishOptions(behindUnparseable));
    send(healthy[0], publishOptions(healthy[0]));
    send(unknown, publishOptions(unknown));
    send(unsupported, publishOptions(unsupported));
    // What the broker says of a message it has handed out (and seen crash its consumer) 5 times.
    send(crashLooping, { ...publishOptions(crashLooping), headers: { ...publishOptions(crashLooping).headers, 'x-delivery-count': 5 } });
    send(Buffer.from([0xff, 0x00, 0x01]));
    send(healthy[1], publishOptions(healthy[1]));
    send(healthy[2], publishOptions(healthy[2]));
    await channel.waitForConfirms();

    expect(await eventually(() => recorder.seen.size === 3, 20_000)).toBe(true);
    expect(recorder.versions(harness.streamId('g1'))).toEqual([1, 2]);
    expect(recorder.versions(harness.streamId('g2'))).toEqual([1]);
    const { rows } = await harness.db.query(
      `select key, reason, message_id, errors->>0 as error from parked_message where scope = $1 order by seq`,
      [harness.config.BROKER_PREFIX],
    );
    expect(rows).toEqual([
      { key: harness.streamId('p1'), reason: 'UNPARSEABLE', message_id: 'broken-1', error: expect.stringMatching(/^the body is not JSON/) },
      { key: harness.streamId('p1'), reason: 'KEY_PARKED', message_id: behindUnparseable.eventId, error: null },
      { key: harness.streamId('p2'), reason: 'UNKNOWN_TYPE', message_id: unknown.eventId, error: 'unknown event type ExportStatisticTeleported' },
      { key: harness.streamId('p3'), reason: 'UNSUPPORTED_SCHEMA_VERSION', message_id: unsupported.eventId, error: 'ExportStatisticRecorded schema version 99 is not supported' },
      { key: harness.streamId('p4'), reason: 'DELIVERY_LIMIT', message_id: crashLooping.eventId, error: expect.stringMatching(/^delivered 5 times before/) },
      { key: expect.stringMatching(/^unkeyed:sha256:/), reason: 'UNPARSEABLE', message_id: expect.stringMatching(/^sha256:/), error: expect.stringMatching(/^the body is not JSON/) },
    ]);
  });

  it('does not replay what is still undeliverable; a discard unparks the key and keeps the messages in the parking log', async () => {
    const replayer = harness.replayer([recorder]);
    const key = harness.streamId('p2');

    const replay = await replayer.replay(key, 'test-operator');

    expect(replay).toMatchObject({ key, replayed: 0, unparked: false, error: 'still undeliverable (UNKNOWN_TYPE): unknown event type ExportStatisticTeleported' });
    expect(await replayer.discard(key, 'a test type nobody will ever read', 'test-operator')).toEqual({ key, discarded: 1 });
    const { rows } = await harness.db.query(
      `select action, reason, actor, message_count, messages->0->'envelope'->>'type' as type from parking_log where scope = $1 and key = $2`,
      [harness.config.BROKER_PREFIX, key],
    );
    expect(rows).toEqual([{ action: 'DISCARDED', reason: 'a test type nobody will ever read', actor: 'test-operator', message_count: 1, type: 'ExportStatisticTeleported' }]);
    await expect(replayer.replay(key, 'test-operator')).rejects.toMatchObject({ code: 'DELIVERY.KEY_NOT_PARKED' });
  });

  it('applies later events of a key again once an operator discarded what was parked for it', async () => {
    const key = harness.streamId('p1');
    await harness.replayer([recorder]).discard(key, 'the broken message cannot be repaired; rebuild the read model', 'test-operator');
    const next = event('p1', 3);

    send(next, publishOptions(next));
    await channel.waitForConfirms();

    expect(await eventually(() => recorder.versions(key).includes(3), 10_000)).toBe(true);
  });
});
