import { Migration } from '@mikro-orm/migrations';

/**
 * The relay's state. A checkpoint is the (transaction id, position) pair of the last event whose
 * publication the broker confirmed; the relay reads strictly after it (docs/delivery.md). The
 * lease row says which instance holds the relay's advisory lock, on which backend, and when it
 * last proved it was alive, so a standby can recognise a stale owner and take over.
 */
export class Migration20261121000301Relay extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table relay_checkpoint (
        name            text        primary key,
        transaction_id  xid8        not null,
        position        bigint      not null,
        updated_at      timestamptz not null default now()
      )`);
    this.addSql(`
      create table relay_lease (
        name          text        primary key,
        owner_id      text        not null,
        host          text        not null,
        process_id    integer     not null,
        backend_pid   integer     not null,
        acquired_at   timestamptz not null,
        heartbeat_at  timestamptz not null
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists relay_lease');
    this.addSql('drop table if exists relay_checkpoint');
  }
}
