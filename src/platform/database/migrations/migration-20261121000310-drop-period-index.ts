import { Migration } from '@mikro-orm/migrations';

/**
 * Nothing on the write side looks statistics up by month, and every index is paid for on every
 * write; dashboards read Elasticsearch. The SQL baseline in the benchmark builds what it needs.
 */
export class Migration20261121000310DropPeriodIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists export_statistic_period_idx');
  }

  override async down(): Promise<void> {
    this.addSql('create index export_statistic_period_idx on export_statistic (year, month)');
  }
}
