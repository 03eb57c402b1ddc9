/**
 * The customs import's public face: its Nest module and service (start, follow, replay an import),
 * the views operators read, the month it has published (the dashboards' horizon), and the
 * foundations (planner, parser, client) with their typed errors.
 */
export { CustomsImportModule } from './customs-import.module';
export { CustomsImportService, type StartImportInput } from './customs-import.service';
export { CustomsPublishedMonths } from './infrastructure/customs-published-months';
export type { CustomsImportView, ImportCounts, ImportUnitView } from './customs-import.view';
export { CustomsImportStatus, type CustomsImportStatusView, hasEnded } from './customs-import.status';
export { CustomsImportNotConfiguredError } from './customs-import-surface.errors';
export type { JobState } from './domain/import-job';
export type { UnitState, UnitChecksum, UnknownPartner } from './domain/unit-progress';
export { workQueueName } from './infrastructure/customs-work-queues';
export { MonthRange, MAX_MONTHS_PER_CALL } from './domain/month-range';
export { type HsTree } from './domain/hs-tree';
export { type ImportUnit, importUnit, unitKey } from './domain/import-unit';
export { type ImportRequest, planImport, splitUnit } from './domain/import-planner';
export { nomenclatureHsTree } from './infrastructure/nomenclature-hs-tree';
export {
  type CustomsItem,
  type CustomsRecord,
  CustomsResponseParser,
  GRAND_TOTAL_YEAR,
  parseCustomsResponse,
} from './infrastructure/customs-response.parser';
export * from './customs-import.errors';
export { CustomsClient, type CustomsClientOptions, type CustomsUnitResponse, CUSTOMS_PATH } from './infrastructure/customs-client';
export { nextQuotaReset } from './infrastructure/customs-retry';
export { type HsScope, type HsScopeFormat, type HsScopeSource, readHsScope } from './scope/read-hs-scope';
export { type HsScopeProblem, HsScopeFileRefusedError, HsScopeInvalidError } from './scope/hs-scope.errors';
export { type ScheduledFiring, type ScheduledImportStarter, SCHEDULED_IMPORT_STARTER } from './schedule/scheduled-import-starter';
export { CustomsImportScheduleModule } from './schedule/customs-import-schedule.module';
export * from './customs-import.contract';
