import { Migration } from '@mikro-orm/migrations';

/**
 * A mark remembers the log position of the newest event of the batch that made it, so a flush
 * knows which events the summaries it wrote reflect: a `dashboardUpdated` subscription carries
 * that position (ADR 0010). Marks made before this migration have none; nothing else reads it.
 */
export class Migration20261208003000SummaryMarkPosition extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table summary_mark add column through_position bigint');
  }

  override async down(): Promise<void> {
    this.addSql('alter table summary_mark drop column through_position');
  }
}
