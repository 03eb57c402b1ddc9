import { Migration } from '@mikro-orm/migrations';

/**
 * The parking store of the consumers. A key (a stream id) is parked when one of its messages kept
 * failing; from then on every later message of that key is parked behind it, in arrival order
 * (`seq`), until an operator replays or discards the key. `scope` is the broker prefix, so two
 * topologies on one database (a test run beside the app) never see each other's keys. The
 * parking log keeps what operators did, and the messages a discard dropped.
 */
export class Migration20261121000302Parking extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table parked_key (
        scope      text        not null,
        key        text        not null,
        queue      text        not null,
        reason     text        not null,
        parked_at  timestamptz not null default now(),
        primary key (scope, key)
      )`);
    this.addSql(`
      create table parked_message (
        seq          bigint      generated always as identity primary key,
        scope        text        not null,
        key          text        not null,
        message_id   text        not null,
        reason       text        not null,
        attempts     integer     not null,
        errors       jsonb       not null,
        body         bytea       not null,
        envelope     jsonb,
        headers      jsonb       not null,
        exchange     text        not null,
        routing_key  text        not null,
        queue        text        not null,
        parked_at    timestamptz not null default now(),
        constraint parked_message_key_fk foreign key (scope, key) references parked_key (scope, key),
        constraint parked_message_once unique (scope, message_id)
      )`);
    this.addSql('create index parked_message_key_seq_idx on parked_message (scope, key, seq)');
    this.addSql(`
      create table parking_log (
        id             bigint      generated always as identity primary key,
        scope          text        not null,
        key            text        not null,
        action         text        not null check (action in ('REPLAYED', 'DISCARDED')),
        reason         text,
        actor          text        not null,
        message_count  integer     not null,
        messages       jsonb,
        at             timestamptz not null default now()
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists parking_log');
    this.addSql('drop table if exists parked_message');
    this.addSql('drop table if exists parked_key');
  }
}
