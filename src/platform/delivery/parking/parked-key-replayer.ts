import type { SqlPool as Pool, SqlPoolClient as PoolClient } from '../../database/pg-pool';
import type { HeaderValue } from '../../messaging/wire/message-headers';
import type { BatchApplier } from '../batch-applier';
import { decodeDelivery, type RawDelivery } from '../decode-delivery';
import { KeyNotParkedError } from '../delivery.errors';
import { jsonbText } from './jsonb-text';
import { inTransaction } from '../../database/pg-transaction';

export interface ReplayResult {
  readonly key: string;
  readonly replayed: number;
  readonly unparked: boolean;
  readonly failedMessageId: string | null;
  readonly error: string | null;
}

interface ParkedRow {
  sequence: string;
  message_id: string;
  body: Buffer;
  headers: Record<string, HeaderValue>;
  exchange: string;
  routing_key: string;
  queue: string;
}

/** Messages applied per transaction; the key's lock (and its shard's arrivals for this key) wait at most one chunk. */
const CHUNK = 100;

/**
 * Operator actions on a parked key. A replay applies the key's parked messages through the
 * handlers in arrival order, a chunk per transaction that holds the key's row FOR UPDATE; the
 * consumer parks new arrivals for the key under FOR KEY SHARE of the same row, so they either
 * land behind the chunk (and are replayed in a later one) or, once the last chunk found nothing
 * left and removed the key, are applied by the consumer itself: nothing overtakes.
 */
export class ParkedKeyReplayer {
  constructor(
    private readonly pool: Pool,
    private readonly scope: string,
    private readonly applier: BatchApplier,
  ) {}

  async replay(key: string, actor: string): Promise<ReplayResult> {
    let replayed = 0;
    for (;;) {
      const step = await inTransaction(this.pool, (client) => this.replayChunk(client, key, actor, replayed));
      if (step === 'not-parked') {
        if (replayed === 0) throw new KeyNotParkedError(key);
        return { key, replayed, unparked: true, failedMessageId: null, error: null };
      }
      if (typeof step !== 'number') return { ...step, replayed: replayed + step.replayed };
      if (step === 0) return { key, replayed, unparked: true, failedMessageId: null, error: null };
      replayed += step;
    }
  }

  /** Drops the key's parked messages (kept in the parking log with the reason) and unparks it. */
  async discard(key: string, reason: string, actor: string): Promise<{ key: string; discarded: number }> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.lockKey(client, key))) throw new KeyNotParkedError(key);
      const { rows } = await client.query<{ messages: unknown; count: number }>(
        `with dropped as (delete from parked_message where scope = $1 and key = $2 returning *)
         select coalesce(jsonb_agg(jsonb_build_object('messageId', message_id, 'reason', reason, 'errors', errors,
                  'envelope', envelope, 'body', encode(body, 'base64'), 'headers', headers) order by seq), '[]') as messages,
                count(*)::int as count
         from dropped`,
        [this.scope, key],
      );
      await client.query('delete from parked_key where scope = $1 and key = $2', [this.scope, key]);
      await this.log(client, key, 'DISCARDED', reason, actor, rows[0].count, JSON.stringify(rows[0].messages));
      return { key, discarded: rows[0].count };
    });
  }

  /** Applies the next chunk: its size, 0 when the key was emptied and unparked, or the failure. */
  private async replayChunk(client: PoolClient, key: string, actor: string, replayedBefore: number) {
    if (!(await this.lockKey(client, key))) return 'not-parked' as const;
    const { rows } = await client.query<ParkedRow>(
      // Ordered by the bigint column; the text copy is only for passing it back.
      `select seq::text as sequence, message_id, body, headers, exchange, routing_key, queue
       from parked_message where scope = $1 and key = $2 order by parked_message.seq limit $3`,
      [this.scope, key, CHUNK],
    );
    if (rows.length === 0) {
      await client.query('delete from parked_key where scope = $1 and key = $2', [this.scope, key]);
      await this.log(client, key, 'REPLAYED', null, actor, replayedBefore, null);
      return 0;
    }
    for (const [index, row] of rows.entries()) {
      const error = await this.applyRow(row);
      if (error === null) continue;
      await client.query('delete from parked_message where scope = $1 and key = $2 and seq < $3::bigint', [this.scope, key, row.sequence]);
      await client.query(
        `update parked_message set attempts = attempts + $2, errors = errors || $3::jsonb where seq = $1::bigint`,
        [row.sequence, error.attempts, jsonbText(error.errors)],
      );
      return { key, replayed: index, unparked: false, failedMessageId: row.message_id, error: error.errors.at(-1) ?? 'failed' };
    }
    await client.query('delete from parked_message where scope = $1 and key = $2 and seq <= $3::bigint', [this.scope, key, rows[rows.length - 1].sequence]);
    return rows.length;
  }

  private async applyRow(row: ParkedRow): Promise<{ attempts: number; errors: string[] } | null> {
    const raw: RawDelivery = {
      content: row.body,
      headers: row.headers,
      messageId: row.message_id,
      exchange: row.exchange,
      routingKey: row.routing_key,
      queue: row.queue,
      deliveryCount: 0,
      redelivered: true,
    };
    const decoded = decodeDelivery(raw, Number.POSITIVE_INFINITY);
    if (decoded.kind === 'poison') return { attempts: 1, errors: [`still undeliverable (${decoded.reason}): ${decoded.problem}`] };
    return this.applier.applyOne(decoded, 'replay');
  }

  private async lockKey(client: PoolClient, key: string): Promise<boolean> {
    const { rowCount } = await client.query('select from parked_key where scope = $1 and key = $2 for update', [this.scope, key]);
    return rowCount === 1;
  }

  private async log(client: PoolClient, key: string, action: string, reason: string | null, actor: string, count: number, messages: string | null) {
    await client.query(
      `insert into parking_log (scope, key, action, reason, actor, message_count, messages) values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [this.scope, key, action, reason, actor, count, messages],
    );
  }
}
