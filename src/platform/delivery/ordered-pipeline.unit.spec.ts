import { OrderedPipeline } from './ordered-pipeline';

describe('ordered pipeline (unit)', () => {
  it('processes in arrival order, one batch at a time, batching what queued up meanwhile', async () => {
    const batches: number[][] = [];
    let inFlight = 0;
    const pipeline = new OrderedPipeline<number>(3, async (items) => {
      inFlight += 1;
      expect(inFlight).toBe(1);
      batches.push(items);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    });

    const outcomes = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => pipeline.push(n)));

    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    expect(outcomes.every((outcome) => outcome === 'done')).toBe(true);
  });

  it('drops what is queued when invalidated, and lets the batch in progress finish', async () => {
    let release!: () => void;
    const pipeline = new OrderedPipeline<number>(10, (items) => (items[0] === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()));

    const first = pipeline.push(1);
    const queued = [pipeline.push(2), pipeline.push(3)];
    pipeline.invalidate();
    release();

    expect(await first).toBe('done');
    expect(await Promise.all(queued)).toEqual(['dropped', 'dropped']);
  });

  it('when halted, starts nothing new and keeps a failed batch queued (unsettled) until invalidated', async () => {
    let fail!: (error: Error) => void;
    const processed: number[][] = [];
    const pipeline = new OrderedPipeline<number>(10, (items) => {
      processed.push(items);
      return new Promise<void>((_, reject) => (fail = reject));
    });
    const settled: string[] = [];
    const first = pipeline.push(1).then((outcome) => settled.push(`1:${outcome}`));
    const second = pipeline.push(2).then((outcome) => settled.push(`2:${outcome}`));

    pipeline.halt();
    fail(new Error('stopping'));
    await pipeline.drain();
    expect(settled).toEqual([]);
    expect(pipeline.queued).toBe(2);

    pipeline.invalidate();
    await Promise.all([first, second]);
    expect(settled).toEqual(['1:dropped', '2:dropped']);
    expect(processed).toEqual([[1]]);
  });
});
