import type { Decoded, Delivery } from './decode-delivery';
import type { ParkReason } from './park-reason';

/** A message on its way into the parking store, in arrival order. */
export interface ParkEntry {
  readonly decoded: Decoded;
  readonly key: string;
  readonly messageId: string;
  readonly reason: ParkReason;
  readonly attempts: number;
  readonly errors: readonly string[];
}

/**
 * Splits a received batch, in arrival order, into what to apply and what to park: poison is
 * parked (and parks its key), and every message of a parked key is parked behind it, so no later
 * event of a key overtakes an earlier one that could not be applied.
 */
export function planBatch(batch: readonly Decoded[], parkedKeys: ReadonlySet<string>): { apply: Delivery[]; park: ParkEntry[] } {
  const parked = new Set(parkedKeys);
  const apply: Delivery[] = [];
  const park: ParkEntry[] = [];
  for (const decoded of batch) {
    if (decoded.kind === 'poison') {
      park.push({ decoded, key: decoded.key, messageId: decoded.messageId, reason: decoded.reason, attempts: 0, errors: [decoded.problem] });
      parked.add(decoded.key);
    } else if (parked.has(decoded.event.key)) {
      park.push(behind(decoded));
    } else {
      apply.push(decoded);
    }
  }
  return { apply, park };
}

/** A message parked only because an earlier message of its key is. */
export function behind(delivery: Delivery): ParkEntry {
  return { decoded: delivery, key: delivery.event.key, messageId: delivery.event.eventId, reason: 'KEY_PARKED', attempts: 0, errors: [] };
}

export function failed(delivery: Delivery, attempts: number, errors: readonly string[]): ParkEntry {
  return { decoded: delivery, key: delivery.event.key, messageId: delivery.event.eventId, reason: 'HANDLER_FAILED', attempts, errors };
}

/** Keys a batch touches, for the one parking lookup per batch. */
export function keysOf(batch: readonly Decoded[]): string[] {
  return [...new Set(batch.map((decoded) => (decoded.kind === 'poison' ? decoded.key : decoded.event.key)))];
}
