import { Migration } from '@mikro-orm/migrations';

/**
 * The summary queue becomes append-only. Consumers only insert marks (no upsert: no row lock
 * that four shards marking the same national total and countries would queue behind, no index
 * to maintain); a flush deletes the marks it takes and recomputes them in one transaction, so a
 * mark is gone only once its summaries are written, and a mark that commits meanwhile is left
 * for the next flush. `id` bounds a flush to what was marked before it began.
 */
export class Migration20261121000600SummaryMarks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table summary_mark (
        id            bigint generated always as identity (cache 1000),
        index_prefix  text not null,
        target        text not null,
        period        text not null,
        scope         text not null
      )`);
    this.addSql(`
      insert into summary_mark (index_prefix, target, period, scope)
      select index_prefix, target, period, scope from summary_dirty order by generation`);
    this.addSql('drop table summary_dirty');
    this.addSql('drop sequence summary_dirty_generation');
  }

  override async down(): Promise<void> {
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
    this.addSql(`
      insert into summary_dirty (index_prefix, target, period, scope, generation)
      select index_prefix, target, period, scope, nextval('summary_dirty_generation')
      from (select distinct index_prefix, target, period, scope from summary_mark) queued`);
    this.addSql('drop table summary_mark');
  }
}
