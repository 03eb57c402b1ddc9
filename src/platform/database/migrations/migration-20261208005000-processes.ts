import { Migration } from '@mikro-orm/migrations';

/**
 * Durable processes (docs/adr/0012-durable-process-manager.md). `process` holds each process's
 * state with a version every change compares and sets; a live process is unique per (type, key),
 * so two deliveries of the event that starts one cannot start two. `process_handled_message`
 * records, in the transaction of the state change, each message a process has taken in, which
 * makes redeliveries harmless. `process_deadline` and `process_command` are the durable timers and
 * the commands still to send: rows that outlive the instance that wrote them, claimed by one
 * instance at a time (a lease, taken with `for update skip locked`).
 */
export class Migration20261208005000Processes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table process (
      id text primary key,
      type text not null,
      key text not null,
      status text not null check (status in ('running', 'compensating', 'completed', 'compensated', 'cancelled', 'failed')),
      state jsonb not null,
      version int not null check (version >= 1),
      correlation_id text not null,
      last_error text,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      ended_at timestamptz
    )`);
    this.addSql(`create unique index process_live_key on process (type, key) where status in ('running', 'compensating')`);
    this.addSql('create index process_type_status on process (type, status)');
    this.addSql(`create table process_handled_message (
      process_id text not null references process (id) on delete cascade,
      message_id text not null,
      handled_at timestamptz not null,
      primary key (process_id, message_id)
    )`);
    this.addSql(`create table process_deadline (
      process_id text not null references process (id) on delete cascade,
      name text not null,
      due_at timestamptz not null,
      claimed_until timestamptz,
      primary key (process_id, name)
    )`);
    this.addSql('create index process_deadline_due on process_deadline (due_at)');
    this.addSql(`create table process_command (
      process_id text not null references process (id) on delete cascade,
      seq int not null,
      name text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
      attempts int not null default 0,
      last_error text,
      created_at timestamptz not null,
      next_attempt_at timestamptz not null,
      claimed_until timestamptz,
      primary key (process_id, seq)
    )`);
    this.addSql(`create index process_command_pending on process_command (next_attempt_at) where status = 'pending'`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists process_command');
    this.addSql('drop table if exists process_deadline');
    this.addSql('drop table if exists process_handled_message');
    this.addSql('drop table if exists process');
  }
}
