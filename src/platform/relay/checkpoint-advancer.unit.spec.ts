import { CheckpointAdvancer, type PublishedBatch } from './checkpoint-advancer';
import type { LogCursor } from '../event-log/log-cursor';

const at = (position: number): LogCursor => ({ transactionId: '9', position: String(position) });

/** A batch whose confirms the test settles by hand. */
function aBatch(position: number, count = 10): PublishedBatch & { confirm(error?: Error): void } {
  let confirm!: (error: Error | null) => void;
  const confirmed = new Promise<Error | null>((resolve) => (confirm = resolve));
  return { to: at(position), count, confirmed, confirm: (error) => confirm(error ?? null) };
}

describe('checkpoint advancer (unit)', () => {
  it('moves the checkpoint batch by batch, in publication order, only after each batch is confirmed', async () => {
    const moves: string[] = [];
    let published = 0;
    const advancer = new CheckpointAdvancer('main', at(0), async (from, to) => (moves.push(`${from.position}->${to.position}`), true), (count) => (published += count), () => undefined);
    const [first, second] = [aBatch(10), aBatch(20)];
    advancer.add(first);
    advancer.add(second);

    second.confirm();
    await new Promise((resolve) => setImmediate(resolve));
    expect(moves).toEqual([]);

    first.confirm();
    await advancer.drained();
    expect(moves).toEqual(['0->10', '10->20']);
    expect(advancer.checkpoint).toEqual(at(20));
    expect(published).toBe(20);
  });

  it('stops at the first failure: nothing after it moves the checkpoint', async () => {
    let failures = 0;
    const advancer = new CheckpointAdvancer('main', at(0), async () => true, () => undefined, () => (failures += 1));
    const batches = [aBatch(10), aBatch(20), aBatch(30)];
    batches.forEach((batch) => advancer.add(batch));

    batches[0].confirm();
    batches[1].confirm(new Error('nacked'));
    batches[2].confirm();
    await advancer.drained();

    expect(advancer.checkpoint).toEqual(at(10));
    expect(advancer.failure?.message).toBe('nacked');
    expect(failures).toBe(1);
  });

  it('fails when the compare-and-set finds the checkpoint moved (another relay, or the lease is gone)', async () => {
    const advancer = new CheckpointAdvancer('main', at(0), async () => false, () => undefined, () => undefined);
    const batch = aBatch(10);
    advancer.add(batch);
    batch.confirm();
    await advancer.drained();

    expect(advancer.failure?.name).toBe('LeaseLostError');
    expect(advancer.checkpoint).toEqual(at(0));
  });

  it('makes room only when fewer messages than the limit are unsettled', async () => {
    const advancer = new CheckpointAdvancer('main', at(0), async () => true, () => undefined, () => undefined);
    const [first, second] = [aBatch(10, 10), aBatch(20, 10)];
    advancer.add(first);
    advancer.add(second);
    let roomy = false;
    const room = advancer.room(20).then(() => (roomy = true));

    await new Promise((resolve) => setImmediate(resolve));
    expect(roomy).toBe(false);
    first.confirm();
    await room;
    expect(roomy).toBe(true);
  });
});
