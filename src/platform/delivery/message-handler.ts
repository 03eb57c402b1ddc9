import { DiscoveryService } from '@nestjs/core';
import type { EventEnvelope } from '../messaging/wire/event-envelope';

/** An event as a consumer receives it: the wire envelope plus where and how it was delivered. */
export interface DeliveredEvent extends EventEnvelope {
  /** The ordering (and parking) key: the stream id. Events of one key arrive in stream-version order. */
  readonly key: string;
  readonly queue: string;
  /** How often the broker handed this message out before; 0 on its first delivery. */
  readonly deliveryCount: number;
  readonly redelivered: boolean;
  /** The message carries the replay mark (HEADER.replay): history sent again, not news. */
  readonly replay: boolean;
}

/**
 * What a module registers to receive events (projectors, notifiers). A handler sees the messages
 * of one queue in arrival order, in batches; it must be idempotent, because a message can come
 * again (redelivery, relay republishing after a fault, a replay): docs/delivery.md says how each
 * consumer recognises one. A batch that throws is retried message by message, so whatever the
 * failed call applied is applied again, and may include later events of a key whose earlier event
 * then gets parked: writes must be versioned (or all-or-nothing) to stay correct under that.
 * Throw TransientDeliveryError when the failure is not about the messages (a dependency is down):
 * the consumer then waits and retries without limit instead of parking them. Any other error is
 * retried a bounded number of times, then the message is parked with every later message of its key.
 */
export interface MessageHandler {
  /** For logs and the parking store's error texts. */
  readonly name: string;
  handles(type: string): boolean;
  handleBatch(messages: readonly DeliveredEvent[]): Promise<void>;
}

/** Marks a provider as a MessageHandler; the consumers discover every marked provider at start-up. */
export const DeliveryHandler = DiscoveryService.createDecorator<void>();

export class TransientDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientDeliveryError';
  }
}
