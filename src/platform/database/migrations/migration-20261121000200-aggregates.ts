import { Migration } from '@mikro-orm/migrations';

/**
 * Current state of each aggregate, one row per stream, written in the same statement as the
 * aggregate's events (see AggregateStore). `version` equals the stream version of the last event.
 * Money and weight are numeric: exact decimals, never floats. A country's region is null where UN
 * M49 has none (Antarctica, ZZ); a category's section is null outside the 21 sections (chapter 99).
 */
export class Migration20261121000200Aggregates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table export_statistic (
        key           text          primary key,
        country_code  char(2)       not null,
        hs_code       varchar(10)   not null check (hs_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'),
        year          smallint      not null,
        month         smallint      not null check (month between 1 and 12),
        value_usd     numeric(20,2) not null check (value_usd >= 0),
        weight_kg     numeric(21,3) not null check (weight_kg >= 0),
        status        text          not null check (status in ('active', 'retracted')),
        version       integer       not null check (version > 0),
        updated_at    timestamptz   not null
      )`);
    this.addSql(`create index export_statistic_period_idx on export_statistic (year, month)`);
    this.addSql(`
      create table country (
        key             char(2)     primary key,
        name_en         text        not null,
        name_ko         text        not null,
        region_code     text,
        region_name_en  text,
        region_name_ko  text,
        active          boolean     not null,
        version         integer     not null check (version > 0),
        updated_at      timestamptz not null
      )`);
    this.addSql(`
      create table product_category (
        key             varchar(10) primary key check (key ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'),
        level           smallint    not null check (level in (2, 4, 6, 10)),
        parent_code     varchar(10) references product_category (key),
        section         text,
        description_en  text        not null,
        description_ko  text,
        version         integer     not null check (version > 0),
        updated_at      timestamptz not null
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists export_statistic');
    this.addSql('drop table if exists country');
    this.addSql('drop table if exists product_category');
  }
}
