/** Who asked for a change and why, carried by every event into the log and onto the wire. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  /**
   * The W3C trace context of the write that stored the event (`00-<trace>-<span>-<flags>`), with
   * tracing on and the trace sampled; the relay carries it in the AMQP headers, and the consumer's
   * batch span links to it (docs/adr/0011-tracing.md).
   */
  readonly traceparent?: string;
}

/** A domain event as an aggregate records it: the fact, without its place in the log. */
export interface PendingEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
}

/** An event as the log holds it. Positions are bigint in SQL and travel as decimal strings. */
export interface StoredEvent<TData = unknown> {
  readonly position: string;
  readonly transactionId: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly occurredAt: Date;
}

/** What a successful write returns to the client: the aggregate, its new version, the last log position. */
export interface WriteResult {
  readonly id: string;
  readonly version: number;
  readonly position: string;
}
