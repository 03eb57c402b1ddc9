import { Migration } from '@mikro-orm/migrations';

/**
 * Within one partner and month, no active statistic's HS code is a prefix of another's: chapter 85
 * and 8542310000 under it would both be added into every total (ADR 0006). Each code stands for the
 * block of 10-digit codes it covers (85 -> [8500000000, 8600000000)); two codes overlap exactly when
 * one is a prefix of the other, which is when their blocks intersect. So the rule is an exclusion
 * constraint, which PostgreSQL enforces atomically: a writer whose row would overlap one that another
 * transaction has written but not committed waits for that transaction, then is refused (23P01) or
 * goes ahead. A retracted statistic drops out of the constraint's index and no longer blocks.
 *
 * An existing database that already breaks the rule is refused with the pairs to resolve (retract
 * one statistic of each), not silently rewritten: a write without its events would betray the log.
 */
export class Migration20261207000100HsLevelOverlap extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists btree_gist');
    this.addSql(`
      create function export_statistic_hs_block(hs_code text) returns int8range
      language sql immutable strict parallel safe
      return int8range(
        rpad(hs_code, 10, '0')::bigint,
        rpad(hs_code, 10, '0')::bigint
          + case length(hs_code) when 2 then 100000000 when 4 then 1000000 when 6 then 10000 else 1 end)`);
    this.addSql(`
      do $$
      declare
        pairs text;
      begin
        select string_agg(found.key || ' overlaps ' || found.other, ', ') into pairs
        from (
          select a.key, b.key as other
          from export_statistic a
          join export_statistic b on b.country_code = a.country_code and b.year = a.year and b.month = a.month
            and a.key < b.key and export_statistic_hs_block(a.hs_code) && export_statistic_hs_block(b.hs_code)
          where a.status = 'active' and b.status = 'active'
          order by a.key, b.key
          limit 20) found;
        if pairs is not null then
          raise exception 'active statistics overlap at different HS levels in the same partner-month: %', pairs
            using hint = 'retract one statistic of each pair (retractExportStatistic), then migrate again';
        end if;
      end $$`);
    this.addSql(`
      alter table export_statistic add constraint export_statistic_hs_level_overlap
        exclude using gist (country_code with =, year with =, month with =, export_statistic_hs_block(hs_code) with &&)
        where (status = 'active')`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table export_statistic drop constraint if exists export_statistic_hs_level_overlap');
    this.addSql('drop function if exists export_statistic_hs_block(text)');
  }
}
