import { Migration } from '@mikro-orm/migrations';

/**
 * A counter per read-model target (keyed by its facts index name), bumped after every change to
 * the names facts carry (a country registered, a category renamed). Projectors read it before and
 * after writing facts: unchanged means the names they used (from a cache) are still current, so
 * they need not read thousands of names back from Elasticsearch for every batch.
 */
export class Migration20261121000402NamesVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table read_model_names_version (target text primary key, version bigint not null)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists read_model_names_version');
  }
}
