import { Migration } from '@mikro-orm/migrations';

/**
 * A mark holds all the summaries one batch touched in one month, as an array, instead of one row
 * per summary. A month's import touches its ~7,000 summaries hundreds of thousands of times over:
 * as rows, PostgreSQL inserted and then deleted every one of them (a flush of 360,000 marks spent
 * 950 ms in the delete alone); as arrays it handles a few hundred rows (110 ms).
 *
 * With a row per batch, ids no longer need caching. A cached block lasted a thousand batches, so
 * marks made well after a flush began got ids below its bound and the flush took round after
 * round of the same month; uncached, ids follow the order marks are made in.
 */
export class Migration20261121000700SummaryMarkScopes extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table summary_mark add column scopes text[]');
    this.addSql('update summary_mark set scopes = array[scope]');
    this.addSql('alter table summary_mark alter column scopes set not null, drop column scope');
    this.addSql('alter table summary_mark alter column id set cache 1');
  }

  override async down(): Promise<void> {
    this.addSql('alter table summary_mark alter column id set cache 1000');
    this.addSql('alter table summary_mark add column scope text');
    this.addSql(`
      insert into summary_mark (index_prefix, target, period, scopes, scope)
      select index_prefix, target, period, '{}', unnest(scopes) from summary_mark where scope is null order by id`);
    this.addSql('delete from summary_mark where scope is null');
    this.addSql('alter table summary_mark alter column scope set not null, drop column scopes');
  }
}
