import { Migration } from '@mikro-orm/migrations';

/**
 * The customs import as a durable job (ADR 0004). `customs_import` is the job, `customs_import_unit`
 * its units (an HS prefix over at most twelve months) with their state, attempts, last error,
 * counts and checksum; every change to either is a compare-and-set on `version`, so a redelivered
 * message never applies a transition twice. `customs_import_payload` holds a fetched unit's rows
 * between the fetch and the process step (gzip, deleted once the unit is applied or refused), so a
 * redelivered process message never costs a call of the day's quota. `customs_quota_day` counts
 * the calls of each quota day and `customs_rate` is the shared call schedule of the rate limiter.
 */
export class Migration20261207000200CustomsImport extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customs_import (
        id              uuid        primary key,
        correlation_id  text        not null,
        first_month     text        not null,
        last_month      text        not null,
        hs_prefixes     text[],
        state           text        not null check (state in ('requested', 'running', 'paused', 'completed', 'failed', 'cancelled')),
        version         integer     not null check (version > 0),
        requested_by    text        not null,
        paused_until    timestamptz,
        pause_reason    text,
        failure_code    text,
        failure         text,
        requested_at    timestamptz not null,
        updated_at      timestamptz not null,
        finished_at     timestamptz
      )`);
    this.addSql('create index customs_import_requested_at_idx on customs_import (requested_at desc)');
    this.addSql(`
      create table customs_import_unit (
        import_id         uuid        not null references customs_import (id) on delete cascade,
        unit_key          text        not null,
        hs_prefix         text        not null,
        first_month       text        not null,
        last_month        text        not null,
        parent_key        text,
        state             text        not null check (state in ('pending', 'fetched', 'applying', 'done', 'refused', 'dead_lettered', 'split', 'cancelled')),
        version           integer     not null check (version > 0),
        attempts          integer     not null default 0,
        last_error_code   text,
        last_error        text,
        fetched           integer     not null default 0,
        recorded          integer     not null default 0,
        revised           integer     not null default 0,
        retracted         integer     not null default 0,
        unchanged         integer     not null default 0,
        unknown_rows      integer     not null default 0,
        source_value_usd  numeric(24,2),
        source_weight_kg  numeric(24,3),
        rows_value_usd    numeric(24,2),
        rows_weight_kg    numeric(24,3),
        unknown_partners  jsonb       not null default '[]',
        updated_at        timestamptz not null,
        primary key (import_id, unit_key)
      )`);
    this.addSql('create index customs_import_unit_state_idx on customs_import_unit (import_id, state)');
    this.addSql(`
      create table customs_import_payload (
        import_id  uuid    not null,
        unit_key   text    not null,
        row_count  integer not null,
        rows       bytea   not null,
        primary key (import_id, unit_key),
        foreign key (import_id, unit_key) references customs_import_unit (import_id, unit_key) on delete cascade
      )`);
    this.addSql(`
      create table customs_quota_day (
        scope  text    not null,
        day    date    not null,
        calls  integer not null,
        primary key (scope, day)
      )`);
    this.addSql(`
      create table customs_rate (
        scope    text        primary key,
        next_at  timestamptz not null
      )`);
    // The import reads each unit's scope (a prefix over some months) from the write side; without
    // an index that is a scan of every statistic per unit. Months first, then the code by prefix.
    this.addSql('create index export_statistic_scope_idx on export_statistic (year, month, hs_code text_pattern_ops)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists export_statistic_scope_idx');
    this.addSql('drop table if exists customs_rate');
    this.addSql('drop table if exists customs_quota_day');
    this.addSql('drop table if exists customs_import_payload');
    this.addSql('drop table if exists customs_import_unit');
    this.addSql('drop table if exists customs_import');
  }
}
