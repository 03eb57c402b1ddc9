import { BatchApplier } from './batch-applier';
import { aDelivery } from '../../../test/support/delivery.fixtures';
import { TransientDeliveryError, type DeliveredEvent, type MessageHandler } from './message-handler';
import { Stopper } from '../concurrency/stopper';

/** Records what it applied; fails (permanently or transiently) for the messages `failing` picks. */
function aHandler(failing: (event: DeliveredEvent) => Error | null = () => null): MessageHandler & { applied: string[]; calls: number } {
  return {
    name: 'recorder',
    applied: [],
    calls: 0,
    handles: () => true,
    async handleBatch(messages) {
      this.calls += 1;
      const error = messages.map(failing).find((found) => found !== null);
      if (error) throw error;
      this.applied.push(...messages.map((message) => message.eventId));
    },
  };
}

const noContext = <T>(work: () => Promise<T>) => work();
const quick = { maxRetries: 2, baseMs: 1, maxMs: 2 };

describe('applying a batch (unit)', () => {
  const a = (version: number) => aDelivery('statistic:A', version);
  const b = (version: number) => aDelivery('statistic:B', version);

  it('applies the whole batch in one call when it succeeds', async () => {
    const handler = aHandler();

    const outcome = await new BatchApplier([handler], quick, noContext, new Stopper()).apply([a(1), b(1), a(2)]);

    expect(outcome).toEqual({ applied: 3, park: [], retries: 0 });
    expect(handler.applied).toEqual(['statistic:A#1', 'statistic:B#1', 'statistic:A#2']);
    expect(handler.calls).toBe(1);
  });

  it('falls back to one message at a time, gives up on the failing one after its retries and parks its key behind it', async () => {
    const handler = aHandler((event) => (event.eventId === 'statistic:A#2' ? new Error('boom') : null));

    const outcome = await new BatchApplier([handler], quick, noContext, new Stopper()).apply([a(1), a(2), b(1), a(3), b(2)]);

    expect(handler.applied).toEqual(['statistic:A#1', 'statistic:B#1', 'statistic:B#2']);
    expect(outcome.applied).toBe(3);
    expect(outcome.retries).toBe(2);
    expect(outcome.park.map((entry) => [entry.messageId, entry.reason, entry.attempts, entry.errors])).toEqual([
      ['statistic:A#2', 'HANDLER_FAILED', 3, ['recorder: Error: boom', 'recorder: Error: boom', 'recorder: Error: boom']],
      ['statistic:A#3', 'KEY_PARKED', 0, []],
    ]);
  });

  it('applies a batch whose failure does not repeat message by message, parking nothing', async () => {
    let failures = 0;
    const handler = aHandler((event) => (event.eventId === 'statistic:B#1' && failures++ === 0 ? new Error('flaky') : null));

    const outcome = await new BatchApplier([handler], quick, noContext, new Stopper()).apply([a(1), b(1)]);

    expect(outcome).toEqual({ applied: 2, park: [], retries: 0 });
    expect(handler.applied).toEqual(['statistic:A#1', 'statistic:B#1']);
  });

  it('waits out a transient failure of the whole batch instead of parking it', async () => {
    const handler = aHandler();
    const handleBatch = handler.handleBatch.bind(handler);
    handler.handleBatch = (messages) => (handler.calls < 5 ? ((handler.calls += 1), Promise.reject(new TransientDeliveryError('search is down'))) : handleBatch(messages));

    const outcome = await new BatchApplier([handler], quick, noContext, new Stopper()).apply([a(1), b(1)]);

    expect(outcome).toEqual({ applied: 2, park: [], retries: 5 });
    expect(handler.applied).toEqual(['statistic:A#1', 'statistic:B#1']);
  });

  it('only hands each handler the types it handles, and runs each call in its own context', async () => {
    const contexts: number[] = [];
    const handler = { ...aHandler(), handles: (type: string) => type === 'ExportStatisticRecorded' };
    const inContext = <T>(work: () => Promise<T>) => (contexts.push(contexts.length), work());

    await new BatchApplier([handler], quick, inContext, new Stopper()).apply([a(1)]);

    expect(handler.calls).toBe(0);
    expect(contexts).toEqual([]);
  });
});
