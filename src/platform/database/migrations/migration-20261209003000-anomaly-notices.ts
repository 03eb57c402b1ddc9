import { Migration } from '@mikro-orm/migrations';

/**
 * What operators were told of each anomaly alert (ADR 0008): whether it stands open as far as
 * notifications know, and how many times it opened. An opening appends one NotificationRequested,
 * stream `anomaly-notice:<prefix>/<alert id>`, version = the opening; the row's lock serializes
 * the instances that report the same alert.
 */
export class Migration20261209003000AnomalyNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table anomaly_notice (
        index_prefix text        not null,
        alert_id     text        not null,
        open         boolean     not null default false,
        opening      integer     not null default 0,
        updated_at   timestamptz not null default now(),
        primary key (index_prefix, alert_id)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table anomaly_notice');
  }
}
