import { Migration } from '@mikro-orm/migrations';

/**
 * One row per fired occurrence of the customs import's schedule. The primary key makes the claim
 * an `insert ... on conflict do nothing`: of all instances, and across restarts, one inserts the
 * row and fires. `started_at` stays null until the import was started, so a claim whose instance
 * died is taken over after its lease (see customs-import-scheduler.ts).
 */
export class Migration20261207000300CustomsImportSchedule extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customs_import_schedule_firing (
        schedule text not null,
        occurrence timestamptz not null,
        month text not null,
        claimed_by text not null,
        claimed_at timestamptz not null,
        attempts int not null default 1,
        started_at timestamptz,
        import_id text,
        last_error text,
        primary key (schedule, occurrence)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists customs_import_schedule_firing');
  }
}
