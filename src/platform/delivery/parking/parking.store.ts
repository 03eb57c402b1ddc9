import type { SqlPool as Pool, SqlPoolClient as PoolClient } from '../../database/pg-pool';
import { keysOf, planBatch, type ParkEntry } from '../batch-plan';
import type { Decoded, Delivery } from '../decode-delivery';
import { envelopeOf } from './parked-envelope';
import { jsonbText } from './jsonb-text';
import { inTransaction } from '../../database/pg-transaction';

/**
 * Writes the parking store for one scope (the broker prefix). The consumer of a queue calls
 * `admit` before applying a batch and `park` for what failed; both lock the parked keys they touch
 * (FOR KEY SHARE), which is what a replay waits on, so a message can never slip past a replay
 * that is under way (docs/delivery.md, "Parking and replay").
 */
export class ParkingStore {
  constructor(
    private readonly pool: Pool,
    readonly scope: string,
  ) {}

  /** Parks the batch's poison and every message of a parked key; returns the rest, in order. */
  async admit(batch: readonly Decoded[]): Promise<Delivery[]> {
    const keys = keysOf(batch);
    if (batch.every((decoded) => decoded.kind === 'event')) {
      // The common case, one indexed lookup: nothing of this batch is parked.
      const { rowCount } = await this.pool.query({
        name: 'parking-any-parked',
        text: 'select from parked_key where scope = $1 and key = any($2::text[]) limit 1',
        values: [this.scope, keys],
      });
      if (rowCount === 0) return batch.filter((decoded): decoded is Delivery => decoded.kind === 'event');
    }
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ key: string }>(
        'select key from parked_key where scope = $1 and key = any($2::text[]) for key share',
        [this.scope, keys],
      );
      const plan = planBatch(batch, new Set(rows.map((row) => row.key)));
      await this.insert(client, plan.park);
      return plan.apply;
    });
  }

  /** Parks what a batch could not apply: failed messages park their keys, the rest follow them. */
  async park(entries: readonly ParkEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.transaction((client) => this.insert(client, entries));
  }

  private async insert(client: PoolClient, entries: readonly ParkEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const starters = new Map<string, ParkEntry>();
    for (const entry of entries) if (entry.reason !== 'KEY_PARKED' && !starters.has(entry.key)) starters.set(entry.key, entry);
    const first = [...starters.values()];
    await client.query(
      `insert into parked_key (scope, key, queue, reason)
       select $1, k.key, k.queue, k.reason from unnest($2::text[], $3::text[], $4::text[]) as k(key, queue, reason)
       on conflict (scope, key) do nothing`,
      [this.scope, first.map((e) => e.key), first.map((e) => e.decoded.raw.queue), first.map((e) => e.reason)],
    );
    // Identity values follow the select's order, so `seq` is the arrival order.
    await client.query(
      `insert into parked_message (scope, key, message_id, reason, attempts, errors, body, envelope, headers, exchange, routing_key, queue)
       select $1, m.key, m.message_id, m.reason, m.attempts, m.errors, m.body, m.envelope, m.headers, m.exchange, m.routing_key, m.queue
       from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::bytea[], $8::jsonb[], $9::jsonb[],
                   $10::text[], $11::text[], $12::text[]) with ordinality
         as m(key, message_id, reason, attempts, errors, body, envelope, headers, exchange, routing_key, queue, ord)
       order by m.ord
       on conflict (scope, message_id) do nothing`,
      [
        this.scope,
        entries.map((e) => e.key),
        entries.map((e) => e.messageId),
        entries.map((e) => e.reason),
        entries.map((e) => e.attempts),
        entries.map((e) => jsonbText(e.errors)),
        entries.map((e) => e.decoded.raw.content),
        entries.map((e) => envelopeOrNull(e.decoded)),
        entries.map((e) => jsonbText(e.decoded.raw.headers)),
        entries.map((e) => e.decoded.raw.exchange),
        entries.map((e) => e.decoded.raw.routingKey),
        entries.map((e) => e.decoded.raw.queue),
      ],
    );
  }

  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }
}

function envelopeOrNull(decoded: Decoded): string | null {
  const envelope = envelopeOf(decoded);
  return envelope ? jsonbText(envelope) : null;
}
