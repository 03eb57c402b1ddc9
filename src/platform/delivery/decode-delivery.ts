import { createHash } from 'node:crypto';
import { parseEnvelope, type EventEnvelope } from '../messaging/wire/event-envelope';
import { HEADER, textHeader, type HeaderValue } from '../messaging/wire/message-headers';
import { checkContract } from '../messaging/wire/wire-contract';
import type { DeliveredEvent } from './message-handler';
import type { ParkReason } from './park-reason';

/** A received message reduced to what the consumer and the parking store need. */
export interface RawDelivery {
  readonly content: Buffer;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly messageId: string | null;
  readonly exchange: string;
  readonly routingKey: string;
  readonly queue: string;
  readonly deliveryCount: number;
  readonly redelivered: boolean;
}

export interface Delivery {
  readonly kind: 'event';
  readonly raw: RawDelivery;
  readonly event: DeliveredEvent;
}

export interface Poison {
  readonly kind: 'poison';
  readonly raw: RawDelivery;
  readonly key: string;
  readonly messageId: string;
  readonly envelope: EventEnvelope | null;
  readonly reason: ParkReason;
  readonly problem: string;
}

export type Decoded = Delivery | Poison;

/**
 * Turns a received message into an event or into poison with its reason. A message the broker
 * has handed out `deliveryLimit` times is poison too: it has crashed its consumer before, and
 * the quorum queue would drop it after this delivery. Replays pass Infinity.
 */
export function decodeDelivery(raw: RawDelivery, deliveryLimit: number): Decoded {
  const poison = (reason: ParkReason, problem: string, envelope: EventEnvelope | null = null): Poison => {
    const messageId = raw.messageId ?? textHeader(raw.headers, HEADER.messageId) ?? `sha256:${sha256(raw.content)}`;
    const key = envelope?.streamId ?? textHeader(raw.headers, HEADER.streamId) ?? `unkeyed:${messageId}`;
    return { kind: 'poison', raw, key, messageId, envelope, reason, problem };
  };
  let body: unknown;
  try {
    body = JSON.parse(raw.content.toString('utf8'));
  } catch (error) {
    return poison('UNPARSEABLE', `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseEnvelope(body);
  if ('problem' in parsed) return poison('UNPARSEABLE', `the body is not an event envelope: ${parsed.problem}`);
  const { envelope } = parsed;
  if (raw.deliveryCount >= deliveryLimit) {
    return poison('DELIVERY_LIMIT', `delivered ${raw.deliveryCount} times before (limit ${deliveryLimit}); it may crash its consumer`, envelope);
  }
  const violation = checkContract(envelope.type, envelope.schemaVersion);
  if (violation === 'UNKNOWN_TYPE') return poison(violation, `unknown event type ${envelope.type}`, envelope);
  if (violation === 'UNSUPPORTED_SCHEMA_VERSION') {
    return poison(violation, `${envelope.type} schema version ${envelope.schemaVersion} is not supported`, envelope);
  }
  const event: DeliveredEvent = {
    ...envelope,
    key: envelope.streamId,
    queue: raw.queue,
    deliveryCount: raw.deliveryCount,
    redelivered: raw.redelivered,
    replay: raw.headers[HEADER.replay] === true || raw.headers[HEADER.replay] === 'true',
  };
  return { kind: 'event', raw, event };
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
