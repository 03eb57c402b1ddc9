import { Migration } from '@mikro-orm/migrations';

/**
 * Summaries the consumers have touched and not yet recomputed. A consumer applies a batch's facts
 * and records here which summaries they feed, in PostgreSQL, before it acknowledges the batch; a
 * flush recomputes them later, many batches at once. A row is deleted only if nobody marked it
 * again meanwhile (`generation`, from one sequence), so no change is ever forgotten (docs/read-model.md).
 * `target` is `live` (the aliases) or `v<N>` (the generation a rebuild is filling).
 */
export class Migration20261121000401SummaryQueue extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence summary_dirty_generation');
    this.addSql(`
      create table summary_dirty (
        index_prefix  text    not null,
        target        text    not null,
        period        text    not null,
        scope         text    not null,
        generation    bigint  not null,
        primary key (index_prefix, target, period, scope)
      )`);
    this.addSql('create index summary_dirty_generation_idx on summary_dirty (index_prefix, generation)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists summary_dirty');
    this.addSql('drop sequence if exists summary_dirty_generation');
  }
}
