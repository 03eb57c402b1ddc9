/**
 * The customs import's public face. So far the foundations a later session builds the job on:
 * the planner (units of at most twelve months, split by the HS nomenclature), the response parser
 * and the HTTP client with its typed failures. Nothing here is wired into the app yet.
 */
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
