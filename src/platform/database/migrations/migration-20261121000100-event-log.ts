import { Migration } from '@mikro-orm/migrations';

/**
 * The event log: the transactional outbox and the source every read model is rebuilt from.
 * `transaction_id` records the writing transaction so the relay can read only what no running
 * transaction can still add before (see docs/adr/0003-gap-safe-relay.md); the unique
 * (stream_id, stream_version) is the database's own optimistic-concurrency check.
 */
export class Migration20261121000100EventLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table event_log (
        position        bigint generated always as identity primary key,
        transaction_id  xid8        not null default pg_current_xact_id(),
        event_id        uuid        not null,
        stream_id       text        not null,
        stream_version  integer     not null check (stream_version > 0),
        type            text        not null,
        schema_version  smallint    not null check (schema_version > 0),
        data            jsonb       not null,
        metadata        jsonb       not null,
        occurred_at     timestamptz not null,
        constraint event_log_event_id_key unique (event_id),
        constraint event_log_stream_version_key unique (stream_id, stream_version)
      )`);
    this.addSql(`create index event_log_transaction_position_idx on event_log (transaction_id, position)`);
    // One notification per writing statement, folded per transaction by PostgreSQL and delivered
    // at commit: it wakes the relay exactly when new rows become visible.
    this.addSql(`
      create function event_log_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('event_log', '');
        return null;
      end $$`);
    this.addSql(`
      create trigger event_log_notify after insert on event_log
      for each statement execute function event_log_notify()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists event_log_notify on event_log');
    this.addSql('drop function if exists event_log_notify()');
    this.addSql('drop table if exists event_log');
  }
}
