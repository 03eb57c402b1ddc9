/** What a subscriber receives: the published value and how many values were dropped just before it. */
export type LiveDelivery<T> = T & { readonly missed: number };

/**
 * One subscriber's queue, as the async iterator a GraphQL subscription returns. Publishing never
 * waits for the subscriber: the queue holds at most `capacity` values, and when it is full the
 * oldest is dropped and counted, so a client that reads slowly (or not at all) costs a bounded
 * amount of memory and never holds back whoever publishes (the projection). The next value it
 * does receive says how many it missed, so it knows to re-query instead of trusting the stream.
 */
export class LiveStream<T extends object> implements AsyncIterableIterator<LiveDelivery<T>> {
  private readonly buffer: T[] = [];
  private missed = 0;
  private waiting: ((result: IteratorResult<LiveDelivery<T>>) => void) | null = null;
  private closed = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void = () => undefined,
    private readonly onDrop: () => void = () => undefined,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a live stream holds at least 1 value, got ${capacity}`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Hands `value` to a waiting reader, or queues it, dropping the oldest when the queue is full. */
  push(value: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: this.deliver(value), done: false });
      return;
    }
    if (this.buffer.length >= this.capacity) {
      this.buffer.shift();
      this.missed += 1;
      this.onDrop();
    }
    this.buffer.push(value);
  }

  next(): Promise<IteratorResult<LiveDelivery<T>>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.deliver(this.buffer.shift()!), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    // One reader at a time: GraphQL's executor asks for the next value only after the last one.
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The subscriber is gone (it unsubscribed, its connection closed): release it and what it holds. */
  return(): Promise<IteratorResult<LiveDelivery<T>>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<LiveDelivery<T>>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(value: T): LiveDelivery<T> {
    const missed = this.missed;
    this.missed = 0;
    return { ...value, missed };
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
    this.onClose();
  }
}
