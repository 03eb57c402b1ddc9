import { randomBytes } from 'node:crypto';
import { connect, type ConsumeMessage } from 'amqplib';
import { detachedContent } from '../../src/platform/delivery/detached-content';

/**
 * What a held delivery keeps alive. amqplib hands a message body over as a view into the socket
 * read buffer it arrived in (up to 64 KiB, shared with its neighbours); a consumer that holds some
 * messages while the others are settled (a shard's pipeline behind the prefetch, beside faster
 * queues on the same connection) pins every buffer one of them is in. This probe publishes
 * PROBE_MESSAGES bodies of the service's size to a queue of its own, holds every PROBE_HOLD_EVERY-th
 * delivery unacknowledged, settles the rest, and reports the buffers the held bodies keep alive:
 * as delivered, and with the body copied out (detachedContent, what the consumers do).
 * The loop is kept busy 20 ms every 500 messages, as the service's is under load.
 * `node -r ts-node/register/transpile-only bench/probes/delivery-retention.probe.ts [delivered|copied]`
 */
const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const MESSAGES = Number(process.env.PROBE_MESSAGES ?? 20_000);
const HOLD_EVERY = Number(process.env.PROBE_HOLD_EVERY ?? 10);
/** About what a statistic's envelope weighs on the wire (JSON body of the relay). */
const BODY_BYTES = 900;

async function heldMemory(detach: boolean): Promise<{ heldMessages: number; pinnedMb: number; bodiesMb: number }> {
  const connection = await connect(RABBITMQ_URL);
  const channel = await connection.createConfirmChannel();
  const queue = `probe-retention-${randomBytes(4).toString('hex')}`;
  await channel.assertQueue(queue, { exclusive: true, autoDelete: true });
  const body = Buffer.alloc(BODY_BYTES, 'x');
  for (let i = 0; i < MESSAGES; i++) channel.sendToQueue(queue, body);
  // Confirmed: nothing of the publishing is left in the write buffers when the baseline is taken.
  await channel.waitForConfirms();
  const held: ConsumeMessage[] = [];
  let received = 0;
  await new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (!message) return;
      if (detach) message.content = detachedContent(message.content);
      if (received++ % HOLD_EVERY === 0) held.push(message);
      else channel.ack(message);
      // The service's event loop is busy between reads (the soak measures its delay): the socket
      // then fills, and each read takes a full buffer of many messages.
      if (received % 500 === 0) busy(20);
      if (received === MESSAGES) resolve();
    });
  });
  // What the held bodies keep alive: the distinct buffers they are views into.
  const pinned = [...new Set(held.map((message) => message.content.buffer))].reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const bodies = held.reduce((sum, message) => sum + message.content.length, 0);
  await channel.close();
  await connection.close();
  return { heldMessages: held.length, pinnedMb: pinned / 2 ** 20, bodiesMb: bodies / 2 ** 20 };
}

function busy(milliseconds: number): void {
  const until = performance.now() + milliseconds;
  while (performance.now() < until);
}

async function main(): Promise<void> {
  // One way per process, so that neither measures what the other left behind.
  const detach = process.argv[2] === 'copied';
  {
    const { heldMessages, pinnedMb, bodiesMb } = await heldMemory(detach);
    console.log(
      `${detach ? 'copied out  ' : 'as delivered'}: ${heldMessages} of ${MESSAGES} messages held, their bodies ${bodiesMb.toFixed(1)} MB, the buffers they keep alive ${pinnedMb.toFixed(1)} MB`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
