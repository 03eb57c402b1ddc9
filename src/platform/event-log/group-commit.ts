/**
 * Group commit for independent writes. While `maxInFlight` writes are under way, new ones queue;
 * the next write takes the whole queue and commits it together, so under load many commands
 * share one statement and one WAL flush, and a lone command still goes out at once.
 *
 * Each queued write keeps its own outcome: when the combined write refuses (one of them lost its
 * race) or fails, every write is retried on its own, and only the loser sees the conflict.
 */
export interface GroupWriter<TItem, TResult> {
  one(item: TItem): Promise<TResult>;
  /** Results in item order, or null when the writes must be decided one by one. */
  together(items: readonly TItem[]): Promise<TResult[] | null>;
}

interface Queued<TItem, TResult> {
  readonly item: TItem;
  readonly resolve: (result: TResult) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<TItem, TResult> {
  private queue: Queued<TItem, TResult>[] = [];
  private inFlight = 0;

  constructor(
    private readonly writer: GroupWriter<TItem, TResult>,
    private readonly maxInFlight = 2,
    private readonly maxGroup = 500,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      this.inFlight++;
      void this.flush(group).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async flush(group: Queued<TItem, TResult>[]): Promise<void> {
    if (group.length > 1) {
      const results = await this.writer.together(group.map((queued) => queued.item)).catch(() => null);
      if (results) {
        group.forEach((queued, i) => queued.resolve(results[i]));
        return;
      }
    }
    await Promise.all(group.map((queued) => this.writer.one(queued.item).then(queued.resolve, queued.reject)));
  }
}
