import { Migration } from '@mikro-orm/migrations';

/**
 * Moves the relay's wake-up out of the writing transaction: a NOTIFY at commit takes PostgreSQL's
 * global notify lock and serialized every writer (write throughput halved, measured). Writers now
 * ring after commit (LogDoorbell), coalesced per instance.
 */
export class Migration20261121000300NotifyAfterCommit extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop trigger if exists event_log_notify on event_log');
    this.addSql('drop function if exists event_log_notify()');
  }

  override async down(): Promise<void> {
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
}
