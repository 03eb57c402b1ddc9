import { Migration } from '@mikro-orm/migrations';

/**
 * What operating the customs import needs. `firing_key` names the schedule occurrence that started
 * an import: unique, so a firing claimed again after its instance died answers the import it had
 * started instead of starting a second one. The event log's index by correlation id finds an
 * import's last event (in relay order, transaction id then position), which the read model must
 * have passed before the import is `visible` in the dashboards.
 */
export class Migration20261207000400CustomsImportSurface extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customs_import add column firing_key text');
    this.addSql('alter table customs_import add constraint customs_import_firing_key_key unique (firing_key)');
    this.addSql(`create index event_log_correlation_idx on event_log ((metadata->>'correlationId'), transaction_id, position)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists event_log_correlation_idx');
    this.addSql('alter table customs_import drop constraint if exists customs_import_firing_key_key');
    this.addSql('alter table customs_import drop column if exists firing_key');
  }
}
