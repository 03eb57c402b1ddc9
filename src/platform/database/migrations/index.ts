import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000100EventLog } from './migration-20261121000100-event-log';
import { Migration20261121000200Aggregates } from './migration-20261121000200-aggregates';
import { Migration20261121000300NotifyAfterCommit } from './migration-20261121000300-notify-after-commit';
import { Migration20261121000301Relay } from './migration-20261121000301-relay';
import { Migration20261121000302Parking } from './migration-20261121000302-parking';
import { Migration20261121000310DropPeriodIndex } from './migration-20261121000310-drop-period-index';
import { Migration20261121000400ReadModel } from './migration-20261121000400-read-model';
import { Migration20261121000401SummaryQueue } from './migration-20261121000401-summary-queue';
import { Migration20261121000402NamesVersion } from './migration-20261121000402-names-version';
import { Migration20261121000500ExpectSaved } from './migration-20261121000500-expect-saved';
import { Migration20261121000600SummaryMarks } from './migration-20261121000600-summary-marks';
import { Migration20261121000700SummaryMarkScopes } from './migration-20261121000700-summary-mark-scopes';
import { Migration20261207000100HsLevelOverlap } from './migration-20261207000100-hs-level-overlap';
import { Migration20261207000200CustomsImport } from './migration-20261207000200-customs-import';
import { Migration20261207000300CustomsImportSchedule } from './migration-20261207000300-customs-import-schedule';
import { Migration20261207000400CustomsImportSurface } from './migration-20261207000400-customs-import-surface';
import { Migration20261208002000Notifications } from './migration-20261208002000-notifications';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000100EventLog', class: Migration20261121000100EventLog },
  { name: 'Migration20261121000200Aggregates', class: Migration20261121000200Aggregates },
  { name: 'Migration20261121000300NotifyAfterCommit', class: Migration20261121000300NotifyAfterCommit },
  { name: 'Migration20261121000301Relay', class: Migration20261121000301Relay },
  { name: 'Migration20261121000302Parking', class: Migration20261121000302Parking },
  { name: 'Migration20261121000310DropPeriodIndex', class: Migration20261121000310DropPeriodIndex },
  { name: 'Migration20261121000400ReadModel', class: Migration20261121000400ReadModel },
  { name: 'Migration20261121000401SummaryQueue', class: Migration20261121000401SummaryQueue },
  { name: 'Migration20261121000402NamesVersion', class: Migration20261121000402NamesVersion },
  { name: 'Migration20261121000500ExpectSaved', class: Migration20261121000500ExpectSaved },
  { name: 'Migration20261121000600SummaryMarks', class: Migration20261121000600SummaryMarks },
  { name: 'Migration20261121000700SummaryMarkScopes', class: Migration20261121000700SummaryMarkScopes },
  { name: 'Migration20261207000100HsLevelOverlap', class: Migration20261207000100HsLevelOverlap },
  { name: 'Migration20261207000200CustomsImport', class: Migration20261207000200CustomsImport },
  { name: 'Migration20261207000300CustomsImportSchedule', class: Migration20261207000300CustomsImportSchedule },
  { name: 'Migration20261207000400CustomsImportSurface', class: Migration20261207000400CustomsImportSurface },
  { name: 'Migration20261208002000Notifications', class: Migration20261208002000Notifications },
];
