import type { LogCursor } from '../../../platform/event-log/log-cursor';
import type { ProjectionCheckpoints } from './projection-checkpoints';
import { ReadModelFreshness } from './read-model-freshness';

/** Checkpoints in memory: the consumers' cursors, compared in (transaction id, position) order. */
function checkpoints(log: Record<string, LogCursor>, consumers: Record<string, LogCursor>): ProjectionCheckpoints {
  const after = (a: LogCursor, b: LogCursor) => BigInt(a.transactionId) > BigInt(b.transactionId) || (a.transactionId === b.transactionId && BigInt(a.position) >= BigInt(b.position));
  return {
    cursorOf: async (position: string) => log[position] ?? null,
    allPassed: async (names: readonly string[], target: LogCursor) => names.every((name) => consumers[name] && after(consumers[name], target)),
  } as unknown as ProjectionCheckpoints;
}

const options = { defaultTimeoutMs: 50, maxTimeoutMs: 1000, pollIntervalMs: 5 };

describe('ReadModelFreshness.waitFor', () => {
  // Position 12 committed in transaction 900, after position 15 (transaction 800): the relay's
  // order is (900, 12) after (800, 15), so a queue at (800, 15) has not passed position 12.
  const log = { '12': { transactionId: '900', position: '12' }, '15': { transactionId: '800', position: '15' } };

  it('given no consistency asked, when a query runs, then freshness is not reported', async () => {
    expect(await new ReadModelFreshness(checkpoints(log, {}), ['a'], options).waitFor(null)).toBeNull();
  });

  it('given every queue past the position in relay order, when asked, then it is fresh at once', async () => {
    const fresh = new ReadModelFreshness(checkpoints(log, { a: { transactionId: '900', position: '12' }, b: { transactionId: '901', position: '3' } }), ['a', 'b'], options);

    expect(await fresh.waitFor({ atLeastPosition: '12' })).toBe(true);
  });

  it('given a queue past a HIGHER position of an OLDER transaction, when asked, then it is not fresh: position order is not relay order', async () => {
    const fresh = new ReadModelFreshness(checkpoints(log, { a: { transactionId: '900', position: '12' }, b: { transactionId: '800', position: '15' } }), ['a', 'b'], options);

    expect(await fresh.waitFor({ atLeastPosition: '12', timeoutMs: 20 })).toBe(false);
  });

  it('given the consumers catch up while it waits, when asked, then it nudges watermarks and answers fresh', async () => {
    const consumers: Record<string, LogCursor> = {};
    const nudge = jest.fn(async () => {
      consumers.a = { transactionId: '901', position: '1' };
    });
    const fresh = new ReadModelFreshness(checkpoints(log, consumers), ['a'], options, nudge);

    expect(await fresh.waitFor({ atLeastPosition: '12', timeoutMs: 500 })).toBe(true);
    expect(nudge).toHaveBeenCalled();
  });

  it('given position 0 (an empty log), when asked, then there is nothing to wait for', async () => {
    expect(await new ReadModelFreshness(checkpoints(log, {}), ['a'], options).waitFor({ atLeastPosition: '0' })).toBe(true);
  });

  it.each([
    ['a position that is not a number', { atLeastPosition: '12a' }, 'consistency.atLeastPosition must be a log position like "1234", got "12a"'],
    ['a timeout above the maximum', { atLeastPosition: '12', timeoutMs: 5000 }, 'consistency.timeoutMs must be from 0 to 1000, got 5000'],
    ['a position no event has', { atLeastPosition: '77' }, 'No event was written at log position 77; pass a position a mutation returned'],
  ])('given %s, when asked, then it is refused', async (_, consistency, message) => {
    await expect(new ReadModelFreshness(checkpoints(log, {}), ['a'], options).waitFor(consistency)).rejects.toThrow(message);
  });
});
