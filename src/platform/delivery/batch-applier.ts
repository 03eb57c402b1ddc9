import { behind, failed, type ParkEntry } from './batch-plan';
import type { Delivery } from './decode-delivery';
import { TransientDeliveryError, type DeliveredEvent, type MessageHandler } from './message-handler';
import { RetryBudget, type RetryPolicy } from './retry-policy';
import { Stopper, StoppingError } from '../concurrency/stopper';
import { HEADER, textHeader } from '../messaging/wire/message-headers';
import { inLinkedSpan } from '../tracing/tracer';

/** Runs work in a fresh MikroORM context (each attempt at a message or batch gets its own identity map). */
export type ContextRunner = <T>(work: () => Promise<T>) => Promise<T>;

export interface ApplyOutcome {
  readonly applied: number;
  /** What could not be applied, in arrival order: failed messages and the later ones of their keys. */
  readonly park: ParkEntry[];
  readonly retries: number;
}

interface HandlerFailure {
  readonly handler: string;
  readonly error: unknown;
}

const MAX_ERROR_TEXT = 2000;

/**
 * Applies deliveries through the registered handlers. The whole batch first (each handler gets
 * the messages it handles, in order); if that fails, one message at a time in arrival order, each
 * with its bounded retries, so the rest of the batch is still applied. A message that keeps
 * failing is given up and every later message of its key in the batch goes with it.
 */
export class BatchApplier {
  constructor(
    private readonly handlers: readonly MessageHandler[],
    private readonly policy: RetryPolicy,
    private readonly inContext: ContextRunner,
    private readonly stopper: Stopper,
  ) {}

  /** A span per batch (not per message), linked to the writes of its events, when any was traced. */
  apply(batch: readonly Delivery[]): Promise<ApplyOutcome> {
    return inLinkedSpan(
      'consume batch',
      { 'messaging.destination.name': batch[0]?.raw.queue ?? '', 'messaging.batch.message_count': batch.length },
      batch.map((delivery) => textHeader(delivery.raw.headers, HEADER.traceparent)),
      () => this.applyBatch(batch),
    );
  }

  private async applyBatch(batch: readonly Delivery[]): Promise<ApplyOutcome> {
    const retries = { count: 0 };
    if (batch.length === 0) return { applied: 0, park: [], retries: 0 };
    const budget = new RetryBudget(this.policy, 'consume');
    for (;;) {
      const failure = await this.attempt(batch.map((delivery) => delivery.event));
      if (!failure) return { applied: batch.length, park: [], retries: retries.count };
      // Only an outage is retried as a whole batch; anything else is isolated message by message.
      if (!(failure.error instanceof TransientDeliveryError)) break;
      const decision = budget.fail(true);
      if (!decision.retry) break;
      await this.pause(decision.delayMs, retries);
    }
    return this.isolate(batch, retries);
  }

  /** One message with its retries; null when applied, else the attempts and their errors. */
  async applyOne(
    delivery: Delivery,
    mode: 'consume' | 'replay',
    retries = { count: 0 },
  ): Promise<{ attempts: number; errors: string[] } | null> {
    const budget = new RetryBudget(this.policy, mode);
    const errors: string[] = [];
    for (;;) {
      const failure = await this.attempt([delivery.event]);
      if (!failure) return null;
      errors.push(describe(failure));
      const decision = budget.fail(failure.error instanceof TransientDeliveryError);
      if (!decision.retry) return { attempts: budget.attempts, errors: errors.slice(-10) };
      await this.pause(decision.delayMs, retries);
    }
  }

  private async isolate(batch: readonly Delivery[], retries: { count: number }): Promise<ApplyOutcome> {
    const park: ParkEntry[] = [];
    const failedKeys = new Set<string>();
    let applied = 0;
    for (const delivery of batch) {
      if (failedKeys.has(delivery.event.key)) {
        park.push(behind(delivery));
        continue;
      }
      const failure = await this.applyOne(delivery, 'consume', retries);
      if (!failure) {
        applied += 1;
        continue;
      }
      failedKeys.add(delivery.event.key);
      park.push(failed(delivery, failure.attempts, failure.errors));
    }
    return { applied, park, retries: retries.count };
  }

  private async attempt(events: readonly DeliveredEvent[]): Promise<HandlerFailure | null> {
    if (this.stopper.stopping) throw new StoppingError();
    for (const handler of this.handlers) {
      const handled = events.filter((event) => handler.handles(event.type));
      if (handled.length === 0) continue;
      try {
        await this.inContext(() => handler.handleBatch(handled));
      } catch (error) {
        return { handler: handler.name, error };
      }
    }
    return null;
  }

  private async pause(ms: number, retries: { count: number }): Promise<void> {
    await this.stopper.sleep(ms);
    if (this.stopper.stopping) throw new StoppingError();
    retries.count += 1;
  }
}

function describe({ handler, error }: HandlerFailure): string {
  const text = `${handler}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}
