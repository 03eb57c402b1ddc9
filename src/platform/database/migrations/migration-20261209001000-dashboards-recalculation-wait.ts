import { Migration } from '@mikro-orm/migrations';

/**
 * A country process waiting for the dashboards (RecalculateCountryDashboardsCommand): the command
 * records the wait and returns; a watcher in every instance running processes signals the process
 * once the projections passed the position, then removes the row. One row per process and
 * position, so a command sent again records nothing new, and a restart loses no wait.
 */
export class Migration20261209001000DashboardsRecalculationWait extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table dashboards_recalculation_wait (
        index_prefix      text        not null,
        process_id        text        not null,
        process_type      text        not null,
        process_key       text        not null,
        country_code      text        not null,
        at_least_position bigint      not null,
        requested_at      timestamptz not null default now(),
        primary key (index_prefix, process_id, at_least_position)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table dashboards_recalculation_wait');
  }
}
