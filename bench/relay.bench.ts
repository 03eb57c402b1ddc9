import { connect } from 'amqplib';
import type { BenchSection } from './bench-section';
import { DeliveryRig } from './support/delivery-rig';
import { envInt, ms, percentile, perSecond } from './support/stats';
import { aStoredEvent } from '../test/support/wire.fixtures';
import { outgoingMessage } from '../src/platform/relay/outgoing-message';
import type { DeliveredEvent } from '../src/platform/delivery/message-handler';

/**
 * Event delivery: relay throughput (a pre-written backlog from the log to the broker, with
 * confirms), the broker's own ceiling for the same messages on the same topology (amqplib alone,
 * no database), and delivery latency from commit to consumer at a steady write rate.
 */
export async function runRelayBench(): Promise<BenchSection> {
  const backlog = envInt('BENCH_RELAY_EVENTS', 100_000);
  const rate = envInt('BENCH_DELIVERY_RATE', 1000);
  const seconds = envInt('BENCH_DELIVERY_SECONDS', 15);

  const throughput = await relayThroughput(backlog);
  const ceiling = await brokerCeiling(backlog);
  const latency = await deliveryLatency(rate, seconds);

  return {
    title: 'Event delivery',
    rows: [
      { metric: `Relay: ${backlog.toLocaleString('en-US')} pre-written events, log to broker with publisher confirms`, value: perSecond(backlog, throughput.elapsedMs), target: '≥ 30,000/s' },
      { metric: 'Broker ceiling: the same messages, same topology, amqplib alone (no database)', value: perSecond(backlog, ceiling.elapsedMs) },
      { metric: `Delivery latency commit → consumer at ${rate.toLocaleString('en-US')} events/s for ${seconds} s: p50 / p99`, value: `${ms(percentile(latency.samples, 50))} / ${ms(percentile(latency.samples, 99))}`, target: 'p99 < 250 ms' },
      { metric: 'Delivery latency max; events delivered / written', value: `${ms(Math.max(...latency.samples))}; ${latency.samples.length.toLocaleString('en-US')} / ${latency.written.toLocaleString('en-US')}` },
    ],
    notes: [
      `Topology: ${throughput.shards} quorum shard queues (single active consumer) behind an x-consistent-hash exchange; persistent messages, mandatory flag, confirms per batch of ${throughput.batchSize}, up to ${throughput.inFlight} batches unconfirmed.`,
      'The relay reads with the gap-safe rule (transaction id below the snapshot xmin, ordered by transaction id and position) and moves its checkpoint by compare-and-set after each confirmed batch.',
      `Latency: writers commit ${rate / 100} events every 10 ms and ring the relay after commit (as LogDoorbell does); one consumer instance, batches of up to the configured size; latency is the consumer's receive time minus the writer's commit time, same clock.`,
      'The broker ceiling bounds the relay on this machine: quorum queues write every message to their log and fsync before confirming.',
    ],
  };
}

async function relayThroughput(total: number): Promise<{ elapsedMs: number; shards: number; batchSize: number; inFlight: number }> {
  const rig = new DeliveryRig();
  try {
    await rig.declare();
    for (let done = 0; done < total; done += 5000) await rig.insert(rig.db, done, Math.min(5000, total - done));
    let published = 0;
    let finished!: () => void;
    const allPublished = new Promise<void>((resolve) => (finished = resolve));
    const started = performance.now();
    rig.startRelay({ published: (count) => ((published += count) >= total ? finished() : undefined) });
    await allPublished;
    const elapsedMs = performance.now() - started;
    return { elapsedMs, shards: rig.topology.shardQueues.length, batchSize: rig.config.RELAY_BATCH_SIZE, inFlight: rig.config.RELAY_MAX_IN_FLIGHT_BATCHES };
  } finally {
    await rig.cleanUp();
  }
}

async function brokerCeiling(total: number): Promise<{ elapsedMs: number }> {
  const rig = new DeliveryRig();
  const connection = await connect(rig.config.RABBITMQ_URL);
  try {
    await rig.declare();
    const channel = await connection.createConfirmChannel();
    const batch = rig.config.RELAY_BATCH_SIZE;
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    for (let done = 0; done < total; done += batch) {
      const messages = Array.from({ length: Math.min(batch, total - done) }, (_, i) =>
        outgoingMessage(aStoredEvent({ eventId: `ceiling-${done + i}`, streamId: `${rig.streamPrefix}-${(done + i) % 2000}-2026-01` }), rig.topology),
      );
      inFlight.push(
        new Promise<void>((resolve, reject) => {
          let left = messages.length;
          for (const m of messages) {
            channel.publish(m.exchange, m.routingKey, m.content, m.options, (error) => (error ? reject(error) : --left === 0 && resolve()));
          }
        }),
      );
      if (inFlight.length >= rig.config.RELAY_MAX_IN_FLIGHT_BATCHES) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return { elapsedMs: performance.now() - started };
  } finally {
    await connection.close();
    await rig.cleanUp();
  }
}

async function deliveryLatency(rate: number, seconds: number): Promise<{ samples: number[]; written: number }> {
  const rig = new DeliveryRig();
  const committedAt = new Map<string, number>();
  const samples: number[] = [];
  const seen = new Set<string>();
  const handler = {
    name: 'latency-probe',
    handles: () => true,
    async handleBatch(messages: readonly DeliveredEvent[]) {
      const now = performance.now();
      for (const message of messages) {
        const committed = committedAt.get(message.eventId);
        if (committed === undefined || seen.has(message.eventId)) continue;
        seen.add(message.eventId);
        samples.push(now - committed);
      }
    },
  };
  try {
    await rig.declare();
    await rig.startConsumers(handler);
    rig.startRelay({ published: () => undefined });
    const perTick = rate / 100;
    const ticks = seconds * 100;
    const started = performance.now();
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * 10;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const ids = await rig.insert(rig.db, tick * perTick, perTick);
      const now = performance.now();
      for (const id of ids) committedAt.set(id, now);
      void rig.ring();
    }
    const deadline = performance.now() + 30_000;
    while (seen.size < committedAt.size && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return { samples, written: committedAt.size };
  } finally {
    await rig.cleanUp();
  }
}
