import { Nack, type AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import { backoffDelay } from '../concurrency/backoff';
import { deliveryCount, plainHeaders } from '../messaging/wire/message-headers';
import type { BatchApplier } from './batch-applier';
import { decodeDelivery, type RawDelivery } from './decode-delivery';
import { detachedContent } from './detached-content';
import { OrderedPipeline } from './ordered-pipeline';
import type { ParkingStore } from './parking/parking.store';
import type { DeliveryObserver } from './delivery-observer';
import { Stopper, StoppingError } from '../concurrency/stopper';
import { withTimeout } from '../concurrency/with-timeout';

export interface ShardConsumerSettings {
  readonly queue: string;
  readonly channel: string;
  readonly batchSize: number;
  readonly deliveryLimit: number;
  readonly subscribeTimeoutMs: number;
}

/**
 * The consumer of one queue in this instance. The queue has a single active consumer, so across
 * all instances one of these receives its messages, in queue order; the ordered pipeline keeps the
 * processing in that order, a batch at a time. A batch is admitted against the parking store,
 * applied, and what failed is parked, before any of it is acknowledged.
 */
export class ShardConsumer {
  private readonly pipeline: OrderedPipeline<RawDelivery>;
  private readonly logger: Logger;

  constructor(
    private readonly settings: ShardConsumerSettings,
    private readonly amqp: AmqpConnection,
    private readonly parking: ParkingStore,
    private readonly applier: BatchApplier,
    private readonly stopper: Stopper,
    private readonly observer: DeliveryObserver,
  ) {
    this.logger = new Logger(`ShardConsumer ${settings.queue}`);
    this.pipeline = new OrderedPipeline(settings.batchSize, (batch) => this.processUntilDone(batch));
  }

  async start(): Promise<void> {
    const wrapper = this.amqp.managedChannels[this.settings.channel];
    if (!wrapper) throw new Error(`no consumer channel ${this.settings.channel} is configured (messaging.module.ts)`);
    // What was queued from a channel that closed is delivered again on the next one: drop it here
    // rather than process it out of turn after the redeliveries.
    await wrapper.addSetup((channel: Channel) => {
      channel.on('close', () => this.pipeline.invalidate());
    });
    const subscription = this.amqp.createSubscriber<Buffer>(
      (_body, message) => this.onMessage(message),
      {
        queue: this.settings.queue,
        createQueueIfNotExists: false,
        queueOptions: { channel: this.settings.channel },
        deserializer: ownBody,
        errorHandler: requeueQuietly,
      },
      `ShardConsumer(${this.settings.queue})`,
    );
    await withTimeout(subscription, this.settings.subscribeTimeoutMs, `subscribing to ${this.settings.queue}`);
  }

  /** Starts no new batch from now on; a batch that fails while halted stays with this consumer. */
  halt(): void {
    this.pipeline.halt();
  }

  /**
   * Finishes the batch in progress, then closes the channel: the broker puts everything this
   * consumer held back at the head of the queue, in order, before the next instance's consumer
   * becomes active. (Cancelling first and nacking would let that consumer start on later messages
   * while the held ones are still on their way back.)
   */
  async stop(): Promise<void> {
    this.halt();
    await this.pipeline.drain();
    await this.amqp.managedChannels[this.settings.channel]?.close().catch(() => undefined);
    this.pipeline.invalidate();
  }

  private async onMessage(message: ConsumeMessage | undefined): Promise<Nack | undefined> {
    if (!message) return undefined;
    const outcome = await this.pipeline.push(rawDelivery(message, this.settings.queue));
    return outcome === 'done' ? undefined : new Nack(true);
  }

  /** Infrastructure failures (the database is down) are retried until they pass or the consumer stops. */
  private async processUntilDone(batch: RawDelivery[]): Promise<void> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await this.process(batch);
      } catch (error) {
        if (error instanceof StoppingError || this.stopper.stopping) throw error;
        const delay = backoffDelay(failures, 200, 10_000);
        this.logger.warn(`batch of ${batch.length} failed (${String(error)}); retrying in ${delay} ms`);
        await this.stopper.sleep(delay);
      }
    }
  }

  private async process(batch: RawDelivery[]): Promise<void> {
    const decoded = batch.map((raw) => decodeDelivery(raw, this.settings.deliveryLimit));
    const admitted = await this.parking.admit(decoded);
    const outcome = await this.applier.apply(admitted);
    await this.parking.park(outcome.park);
    this.observer.processed(this.settings.queue, batch.length);
    this.observer.retried(this.settings.queue, outcome.retries);
    const parked = batch.length - admitted.length + outcome.park.length;
    if (parked > 0) {
      this.observer.parked(this.settings.queue, parked);
      this.logger.warn(`parked ${parked} of ${batch.length} messages`);
    }
  }
}

function rawDelivery(message: ConsumeMessage, queue: string): RawDelivery {
  const headers = plainHeaders(message.properties.headers);
  const messageId: unknown = message.properties.messageId;
  return {
    content: message.content,
    headers,
    messageId: typeof messageId === 'string' && messageId !== '' ? messageId : null,
    exchange: message.fields.exchange,
    routingKey: message.fields.routingKey,
    queue,
    deliveryCount: deliveryCount(headers),
    redelivered: message.fields.redelivered,
  };
}

/**
 * The body in memory of its own, on the message too (which stays referenced until it is
 * acknowledged): a held message must not keep the socket buffer it arrived in alive.
 */
function ownBody(content: Buffer, message: ConsumeMessage): Buffer {
  const body = detachedContent(content);
  message.content = body;
  return body;
}

/** Acks and nacks on a channel that has closed throw; the broker requeues those messages itself. */
function requeueQuietly(channel: Channel, message: ConsumeMessage): void {
  try {
    channel.nack(message, false, true);
  } catch {
    // the channel is gone; nothing to hand back
  }
}
