import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { HEADER, plainHeaders, textHeader } from '../../../platform/messaging/wire/message-headers';
import { activeTraceparent } from '../../../platform/tracing/tracer';

export type WorkStep = 'request' | 'fetch' | 'process';
export const WORK_STEPS: readonly WorkStep[] = ['request', 'fetch', 'process'];

/** A work message: the job, and for fetch and process the unit. Nothing else: the state is in PostgreSQL. */
export interface WorkMessage {
  readonly importId: string;
  readonly unitKey?: string;
}

/** What came with a work message besides its body: the trace context of the step that sent it. */
export interface WorkContext {
  readonly traceparent?: string;
}

export type WorkHandler = (message: WorkMessage, context: WorkContext) => Promise<void>;

const RETRY_AFTER_ERROR_MS = 1000;

export function workQueueName(prefix: string, step: WorkStep): string {
  return `${prefix}.customs-import.${step}`;
}

/**
 * The import's three work queues (durable quorum queues, manual acks, a prefetch each), published
 * with confirms. A message is acknowledged after its handler returned (which committed and
 * published the next step); a handler that throws gets the message back on the queue after a pause.
 * A message sent inside a sampled trace carries it in the AMQP header `traceparent`, as the relay's
 * do, so that the step it asks for continues the trace.
 */
@Injectable()
export class CustomsWorkQueues {
  private readonly logger = new Logger('CustomsWorkQueues');
  private publisher: ChannelWrapper | null = null;
  private readonly consumers: ChannelWrapper[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly amqp: AmqpConnection,
  ) {}

  queue(step: WorkStep): string {
    return workQueueName(this.config.BROKER_PREFIX, step);
  }

  async publish(step: WorkStep, messages: readonly WorkMessage[]): Promise<void> {
    const channel = await this.publishChannel();
    const traceparent = activeTraceparent();
    const options = { persistent: true, contentType: 'application/json', ...(traceparent ? { headers: { [HEADER.traceparent]: traceparent } } : {}) };
    await Promise.all(messages.map((message) => channel.sendToQueue(this.queue(step), Buffer.from(JSON.stringify(message)), options)));
  }

  async consume(step: WorkStep, prefetch: number, handler: WorkHandler): Promise<void> {
    const queue = this.queue(step);
    const wrapper = this.amqp.managedConnection.createChannel({
      json: false,
      setup: async (channel: Channel) => {
        await declare(channel, queue);
        await channel.prefetch(prefetch);
        await channel.consume(queue, (message) => message && this.track(this.deliver(channel, message, handler)), { noAck: false });
      },
    });
    this.consumers.push(wrapper);
    await wrapper.waitForConnect();
  }

  /** Stops taking messages, lets those in hand finish, closes the channels (unacknowledged ones go back). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.consumers.splice(0).map((wrapper) => wrapper.close()));
    await this.publisher?.close().catch(() => undefined);
    this.publisher = null;
  }

  private async publishChannel(): Promise<ChannelWrapper> {
    if (this.publisher === null) {
      this.publisher = this.amqp.managedConnection.createChannel({
        json: false,
        confirm: true,
        setup: async (channel: Channel) => {
          for (const step of WORK_STEPS) await declare(channel, this.queue(step));
        },
      });
    }
    await this.publisher.waitForConnect();
    return this.publisher;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(channel: Channel, message: ConsumeMessage, handler: WorkHandler): Promise<void> {
    if (this.stopping) return; // left unacknowledged: back on the queue when the channel closes
    const work = parse(message.content);
    if (work === undefined) {
      // Not ours to retry: it would come back forever. The job's state is in PostgreSQL anyway.
      this.logger.error({ queue: message.fields.routingKey }, 'dropped a customs import work message that is not { importId, unitKey? }');
      channel.ack(message);
      return;
    }
    try {
      const traceparent = textHeader(plainHeaders(message.properties.headers), HEADER.traceparent) ?? undefined;
      await handler(work, { traceparent });
      channel.ack(message);
    } catch (error) {
      this.logger.error({ err: error, queue: message.fields.routingKey }, 'a customs import step failed; its message goes back to the queue');
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_ERROR_MS));
      try {
        channel.nack(message, false, true);
      } catch {
        // The channel closed meanwhile: the broker requeues the message by itself.
      }
    }
  }
}

async function declare(channel: Channel, queue: string): Promise<void> {
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
}

function parse(content: Buffer): WorkMessage | undefined {
  try {
    const body = JSON.parse(content.toString('utf8')) as Partial<WorkMessage> | null;
    if (typeof body?.importId !== 'string') return undefined;
    return { importId: body.importId, unitKey: typeof body.unitKey === 'string' ? body.unitKey : undefined };
  } catch {
    return undefined;
  }
}
