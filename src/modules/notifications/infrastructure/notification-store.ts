import type { SqlPool, SqlPoolClient } from '../../../platform/database/pg-pool';
import { inTransaction } from '../../../platform/database/pg-transaction';
import { placeInWindow } from '../domain/digest-window';
import type { ChannelName, Notification } from '../domain/notification';

export interface ClaimedBatch {
  readonly id: string;
  readonly channel: ChannelName;
  /** Attempts including the one this claim starts. */
  readonly attempts: number;
}

export interface ParkedBatchView {
  readonly id: string;
  readonly channel: ChannelName;
  readonly reason: string;
  readonly attempts: number;
  readonly parkedAt: Date;
  readonly notificationCount: number;
  /** The subject of its oldest notification. */
  readonly firstSubject: string;
}

interface DeliveryRow {
  message_id: string;
  kind: string;
  subject: string;
  facts: Record<string, string>;
  occurred_at: Date;
  dedupe_key: string;
}

/**
 * The delivery records and their batches (migration 20261208002000) for one scope (the broker
 * prefix). Every change of a claimed batch names the claim's owner, so an instance whose lease was
 * taken over cannot mark what another instance is sending.
 */
export class NotificationStore {
  constructor(
    private readonly pool: SqlPool,
    private readonly scope: string,
  ) {}

  /**
   * Records notifications for one channel in its open window (opening one, and closing an expired
   * one, as needed), one row per message and per fact: what was recorded before is left alone.
   * Returns how many rows are new.
   */
  async record(channel: ChannelName, notifications: readonly Notification[], now: Date, windowMs: number): Promise<number> {
    if (notifications.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      // A zero window gives each notification a batch of its own; otherwise the call shares one.
      const groups = windowMs === 0 ? notifications.map((item) => [item]) : [notifications];
      let recorded = 0;
      for (const group of groups) {
        const batchId = await this.windowFor(client, channel, now, windowMs);
        recorded += await this.insertDeliveries(client, channel, batchId, group, now);
      }
      return recorded;
    });
  }

  /** Windows whose time is up become due, whether or not anything arrived after them. */
  async closeExpiredWindows(now: Date): Promise<void> {
    await this.pool.query(
      `update notification_batch set state = 'due', next_attempt_at = closes_at
       where scope = $1 and state = 'collecting' and closes_at <= $2`,
      [this.scope, now],
    );
  }

  /** The oldest due batch, or one whose sender's lease ran out, claimed for `owner` until the lease ends. */
  async claimNext(owner: string, now: Date, leaseMs: number): Promise<ClaimedBatch | null> {
    const { rows } = await this.pool.query<{ id: string; channel: ChannelName; attempts: number }>(
      `update notification_batch b set state = 'sending', lease_owner = $2, lease_until = $3::timestamptz + make_interval(secs => $4::double precision / 1000),
              attempts = b.attempts + 1
       where b.id = (
         select id from notification_batch
         where scope = $1 and ((state = 'due' and next_attempt_at <= $3) or (state = 'sending' and lease_until <= $3))
         order by next_attempt_at, id limit 1 for update skip locked)
       returning b.id::text as id, b.channel, b.attempts`,
      [this.scope, owner, now, leaseMs],
    );
    return rows[0] ?? null;
  }

  /** A parked batch claimed for an operator's replay; null when it is not parked (any more). */
  async claimParked(id: string, owner: string, now: Date, leaseMs: number): Promise<ClaimedBatch | null> {
    const { rows } = await this.pool.query<{ id: string; channel: ChannelName; attempts: number }>(
      `update notification_batch set state = 'sending', lease_owner = $3, lease_until = $4::timestamptz + make_interval(secs => $5::double precision / 1000),
              attempts = attempts + 1
       where scope = $1 and id = $2::bigint and state = 'parked'
       returning id::text as id, channel, attempts`,
      [this.scope, id, owner, now, leaseMs],
    );
    return rows[0] ?? null;
  }

  async notifications(batchId: string): Promise<Notification[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `select message_id, kind, subject, facts, occurred_at, dedupe_key from notification_delivery
       where batch_id = $1::bigint order by occurred_at, message_id`,
      [batchId],
    );
    return rows.map((row) => ({
      messageId: row.message_id,
      kind: row.kind,
      subject: row.subject,
      facts: row.facts,
      occurredAt: row.occurred_at,
      dedupeKey: row.dedupe_key,
    }));
  }

  async markSent(batchId: string, owner: string, now: Date): Promise<boolean> {
    return this.settle(batchId, owner, `state = 'sent', sent_at = $3, last_error = null`, [now]);
  }

  async retryLater(batchId: string, owner: string, at: Date, reason: string): Promise<boolean> {
    return this.settle(batchId, owner, `state = 'due', next_attempt_at = $3, last_error = $4`, [at, reason]);
  }

  async park(batchId: string, owner: string, now: Date, reason: string): Promise<boolean> {
    return this.settle(batchId, owner, `state = 'parked', parked_at = $3, last_error = $4`, [now, reason]);
  }

  async parked(limit: number): Promise<ParkedBatchView[]> {
    const { rows } = await this.pool.query<ParkedBatchView>(
      `select b.id::text as id, b.channel, b.last_error as reason, b.attempts, b.parked_at as "parkedAt",
              (select count(*) from notification_delivery d where d.batch_id = b.id)::int as "notificationCount",
              coalesce((select d.subject from notification_delivery d where d.batch_id = b.id order by d.occurred_at, d.message_id limit 1), '') as "firstSubject"
       from notification_batch b where b.scope = $1 and b.state = 'parked'
       order by b.parked_at, b.id limit $2`,
      [this.scope, limit],
    );
    return rows;
  }

  private async settle(batchId: string, owner: string, assignments: string, values: unknown[]): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `update notification_batch set ${assignments}, lease_owner = null, lease_until = null
       where id = $1::bigint and state = 'sending' and lease_owner = $2`,
      [batchId, owner, ...values],
    );
    return rowCount === 1;
  }

  private async windowFor(client: SqlPoolClient, channel: ChannelName, now: Date, windowMs: number): Promise<string> {
    const { rows } = await client.query<{ id: string; closes_at: Date }>(
      `select id::text as id, closes_at from notification_batch where scope = $1 and channel = $2 and state = 'collecting' for update`,
      [this.scope, channel],
    );
    const open = rows[0] ? { id: rows[0].id, closesAt: rows[0].closes_at } : null;
    const placement = placeInWindow(open, now, windowMs);
    if (placement.action === 'join') return placement.windowId;
    if (placement.closeFirst !== null) {
      await client.query(`update notification_batch set state = 'due', next_attempt_at = closes_at where id = $1::bigint`, [placement.closeFirst]);
    }
    const opened = await client.query<{ id: string }>(
      `insert into notification_batch (scope, channel, state, opened_at, closes_at) values ($1, $2, 'collecting', $3, $4) returning id::text as id`,
      [this.scope, channel, now, placement.closesAt],
    );
    return opened.rows[0].id;
  }

  private async insertDeliveries(client: SqlPoolClient, channel: ChannelName, batchId: string, items: readonly Notification[], now: Date): Promise<number> {
    const { rowCount } = await client.query(
      `insert into notification_delivery (scope, message_id, channel, batch_id, kind, subject, facts, occurred_at, dedupe_key, recorded_at)
       select $1, n.message_id, $2, $3::bigint, n.kind, n.subject, n.facts, n.occurred_at, n.dedupe_key, $4
       from unnest($5::text[], $6::text[], $7::text[], $8::json[], $9::timestamptz[], $10::text[])
         as n(message_id, kind, subject, facts, occurred_at, dedupe_key)
       on conflict do nothing`,
      [
        this.scope,
        channel,
        batchId,
        now,
        items.map((item) => item.messageId),
        items.map((item) => item.kind),
        items.map((item) => item.subject),
        items.map((item) => JSON.stringify(item.facts)),
        items.map((item) => item.occurredAt),
        items.map((item) => item.dedupeKey),
      ],
    );
    return rowCount ?? 0;
  }


}
