import { RequestContext } from '@mikro-orm/core';
import type { DeliveredEvent, MessageHandler } from '../../src/platform/delivery/message-handler';

/**
 * A handler as a projector would be: idempotent by event id (a redelivered or republished event
 * is recognised and counted, not applied twice). Shared by every consumer instance of a test, it
 * records each key's stream versions in the order they were first applied.
 */
export class RecordingHandler implements MessageHandler {
  readonly name = 'recording-handler';
  readonly appliedByKey = new Map<string, number[]>();
  readonly seen = new Set<string>();
  duplicates = 0;
  withoutContext = 0;
  /** Messages for which this returns true fail, every time they are tried. */
  failing: (event: DeliveredEvent) => boolean = () => false;
  delayMs = 0;

  handles(): boolean {
    return true;
  }

  async handleBatch(messages: readonly DeliveredEvent[]): Promise<void> {
    if (!RequestContext.getEntityManager()) this.withoutContext += 1;
    const failing = messages.find((message) => this.failing(message));
    // Like a bulk write that is rejected as a whole: nothing of a failing batch is applied.
    if (failing) throw new Error(`forced failure at ${failing.key} v${failing.streamVersion}`);
    for (const message of messages) {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (this.seen.has(message.eventId)) {
        this.duplicates += 1;
        continue;
      }
      this.seen.add(message.eventId);
      this.appliedByKey.set(message.key, [...(this.appliedByKey.get(message.key) ?? []), message.streamVersion]);
    }
  }

  versions(key: string): number[] {
    return this.appliedByKey.get(key) ?? [];
  }
}
