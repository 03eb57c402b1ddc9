export type Outcome = 'done' | 'dropped';

interface Entry<T> {
  readonly item: T;
  readonly settle: (outcome: Outcome) => void;
}

/**
 * Processes items strictly in arrival order, one batch at a time: while a batch is being
 * processed, arrivals queue up, and the next batch takes up to `maxBatch` of them. (The broker
 * client hands over messages as they arrive, up to the prefetch, without waiting for the previous
 * one; this is what keeps a shard's processing serial.) Each push resolves when its item was
 * processed ('done') or given up ('dropped': its channel closed and the broker delivers it again).
 *
 * A halted pipeline starts no new batch, and a batch that fails while halted goes back to the
 * head of the queue unsettled: the consumer then closes its channel, so the broker requeues all
 * of it in order, and only then releases them.
 */
export class OrderedPipeline<T> {
  private queue: Entry<T>[] = [];
  private running: Promise<void> | null = null;
  private halted = false;

  constructor(
    private readonly maxBatch: number,
    private readonly process: (items: T[]) => Promise<void>,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  push(item: T): Promise<Outcome> {
    return new Promise((settle) => {
      this.queue.push({ item, settle });
      if (!this.halted) this.running ??= this.run();
    });
  }

  /** Drops every queued item; the batch in progress finishes. */
  invalidate(): void {
    const dropped = this.queue;
    this.queue = [];
    for (const entry of dropped) entry.settle('dropped');
  }

  halt(): void {
    this.halted = true;
  }

  /** Waits for the batch in progress (if any) and whatever runs behind it. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.halted) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.process(batch.map((entry) => entry.item));
        } catch {
          if (this.halted) {
            this.queue.unshift(...batch);
            return;
          }
          this.invalidate();
          for (const entry of batch) entry.settle('dropped');
          continue;
        }
        for (const entry of batch) entry.settle('done');
      }
    } finally {
      this.running = null;
    }
  }
}
