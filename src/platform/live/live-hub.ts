import { TooManySubscriptionsError } from './live.errors';
import { LiveStream } from './live-stream';

export interface LiveHubLimits {
  /** Values a subscriber's queue holds before the oldest is dropped. */
  readonly bufferSize: number;
  /** Subscriptions one connection may hold at once. */
  readonly maxPerConnection: number;
  /** Told of each value a full queue dropped (a metric). */
  readonly onDrop?: () => void;
}

/** Turns a published payload into what a subscriber wants of it, or null to skip it (a filter). */
export type LiveSelector<T> = (payload: unknown) => T | null;

/** Selects from a payload and queues what it selected; a selector that throws skips only its subscriber. */
type Listener = (payload: unknown) => void;

/**
 * This instance's subscribers, by topic. What every instance publishes reaches every instance's
 * hub (live-channel.ts); the hub hands it to the matching subscribers without ever waiting for
 * them (live-stream.ts). A subscriber is removed when its stream closes, which GraphQL does when
 * the client completes the subscription or its connection goes: `size` counts what is left.
 */
export class LiveHub {
  private readonly topics = new Map<string, Set<Listener>>();
  private readonly perConnection = new Map<object, number>();

  constructor(private readonly limits: LiveHubLimits) {}

  /** A stream of `topic`'s payloads as `select` maps them; `connection` is what the cap counts by. */
  subscribe<T extends object>(topic: string, select: LiveSelector<T>, connection: object): LiveStream<T> {
    const held = this.perConnection.get(connection) ?? 0;
    if (held >= this.limits.maxPerConnection) throw new TooManySubscriptionsError(this.limits.maxPerConnection);
    this.perConnection.set(connection, held + 1);
    const listeners = this.topics.get(topic) ?? new Set<Listener>();
    this.topics.set(topic, listeners);
    const stream: LiveStream<T> = new LiveStream<T>(this.limits.bufferSize, () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.topics.get(topic) === listeners) this.topics.delete(topic);
      const left = (this.perConnection.get(connection) ?? 1) - 1;
      if (left > 0) this.perConnection.set(connection, left);
      else this.perConnection.delete(connection);
    }, this.limits.onDrop);
    const listener: Listener = (payload) => {
      let selected: T | null;
      try {
        selected = select(payload);
      } catch {
        selected = null;
      }
      if (selected) stream.push(selected);
    };
    listeners.add(listener);
    return stream;
  }

  /** Hands a payload to this instance's subscribers of `topic`. */
  deliver(topic: string, payload: unknown): void {
    const listeners = this.topics.get(topic);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(payload);
  }

  /** Subscribers held now, every topic together. */
  get size(): number {
    let total = 0;
    for (const listeners of this.topics.values()) total += listeners.size;
    return total;
  }

  /** Connections holding at least one subscription. */
  get connections(): number {
    return this.perConnection.size;
  }
}
