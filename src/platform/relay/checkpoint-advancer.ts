import type { LogCursor } from '../event-log/log-cursor';
import { LeaseLostError } from './relay-lease';

export interface PublishedBatch {
  readonly to: LogCursor;
  readonly count: number;
  /** Resolves to the failure, never rejects. */
  readonly confirmed: Promise<Error | null>;
}

/**
 * Settles published batches in publication order, in the background, so that reading the next
 * batch never waits for the broker's confirms of the previous one: for each batch, wait for all
 * its confirms, then move the checkpoint from the previous batch's end to this batch's end by
 * compare-and-set. The first failure stops all settling after it (those batches are republished).
 */
export class CheckpointAdvancer {
  private chain: Promise<void> = Promise.resolve();
  private readonly unsettled: { settled: Promise<void>; count: number }[] = [];
  private unsettledMessages = 0;
  private failed: Error | null = null;

  constructor(
    private readonly relayName: string,
    private current: LogCursor,
    private readonly compareAndSet: (from: LogCursor, to: LogCursor) => Promise<boolean>,
    private readonly onSettled: (count: number) => void,
    private readonly onFailure: () => void,
  ) {}

  get checkpoint(): LogCursor {
    return this.current;
  }

  get failure(): Error | null {
    return this.failed;
  }

  add(batch: PublishedBatch): void {
    const settled = this.chain
      .then(() => this.settle(batch))
      .catch((error: unknown) => {
        this.failed ??= error instanceof Error ? error : new Error(String(error));
        this.onFailure();
      });
    this.chain = settled;
    this.unsettled.push({ settled, count: batch.count });
    this.unsettledMessages += batch.count;
    void settled.finally(() => (this.unsettledMessages -= this.unsettled.shift()?.count ?? 0));
  }

  /**
   * Waits until fewer than `maxMessages` messages are unsettled: the bound on what a failure makes
   * the relay publish again (and on memory). Counting messages, not batches, lets many small
   * batches be in flight when the log trickles, so the next read never waits for a confirm.
   */
  async room(maxMessages: number): Promise<void> {
    while (this.unsettledMessages >= maxMessages && this.unsettled.length > 0) await this.unsettled[0].settled;
  }

  /** Waits until every batch added so far is settled or given up. */
  drained(): Promise<void> {
    return this.chain;
  }

  private async settle(batch: PublishedBatch): Promise<void> {
    if (this.failed) return;
    const failure = await batch.confirmed;
    if (failure) throw failure;
    if (!(await this.compareAndSet(this.current, batch.to))) throw new LeaseLostError(this.relayName, 'the checkpoint moved under this relay');
    this.current = batch.to;
    this.onSettled(batch.count);
  }
}
