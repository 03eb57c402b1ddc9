import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (ADR 0009). `notification_delivery` is the delivery record: one row per message
 * and channel (primary key), and one per fact and channel (`dedupe_key`), so a redelivery, a
 * restart or a second instance never records a notification twice. Each row belongs to a
 * `notification_batch`, the unit that is sent: one per channel and digest window. A batch is
 * collecting while its window is open, then due, claimed for sending under a lease, and ends sent
 * or parked (with the reason) until an operator replays it. `scope` is the broker prefix, so
 * deployments (and test runs) sharing a database keep their notifications apart. `facts` is json,
 * not jsonb: jsonb reorders keys, and facts are shown in the order their source gave them.
 */
export class Migration20261208002000Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table notification_batch (
        id               bigint generated always as identity primary key,
        scope            text        not null,
        channel          text        not null,
        state            text        not null check (state in ('collecting', 'due', 'sending', 'sent', 'parked')),
        opened_at        timestamptz not null,
        closes_at        timestamptz not null,
        next_attempt_at  timestamptz,
        attempts         integer     not null default 0,
        lease_owner      text,
        lease_until      timestamptz,
        last_error       text,
        parked_at        timestamptz,
        sent_at          timestamptz
      )`);
    // At most one open window per channel: the consumer joins it or closes it and opens the next.
    this.addSql(`create unique index notification_batch_collecting on notification_batch (scope, channel) where state = 'collecting'`);
    this.addSql(`create index notification_batch_pending on notification_batch (scope, state, next_attempt_at) where state in ('collecting', 'due', 'sending')`);
    this.addSql(`create index notification_batch_parked on notification_batch (scope, parked_at) where state = 'parked'`);
    this.addSql(`
      create table notification_delivery (
        scope        text        not null,
        message_id   text        not null,
        channel      text        not null,
        batch_id     bigint      not null references notification_batch (id) on delete cascade,
        kind         text        not null,
        subject      text        not null,
        facts        json        not null,
        occurred_at  timestamptz not null,
        dedupe_key   text        not null,
        recorded_at  timestamptz not null,
        primary key (scope, message_id, channel),
        constraint notification_delivery_dedupe_key unique (scope, channel, dedupe_key)
      )`);
    this.addSql('create index notification_delivery_batch on notification_delivery (batch_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists notification_delivery');
    this.addSql('drop table if exists notification_batch');
  }
}
