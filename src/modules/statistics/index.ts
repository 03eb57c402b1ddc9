/** The statistics context's public face: what other contexts may import. Everything else is private. */
export * from './statistics.contract';
export { decodeStatisticMessage } from './statistics.decoder';
export { RecordExportStatisticCommand } from './commands/record-export-statistic/record-export-statistic.command';
export { RecordExportStatisticsBatchCommand, type BatchResult } from './commands/record-export-statistics-batch/record-export-statistics-batch.command';
export { ReviseExportStatisticCommand } from './commands/revise-export-statistic/revise-export-statistic.command';
export { RetractExportStatisticsBatchCommand, type RetractBatchResult } from './commands/retract-export-statistics-batch/retract-export-statistics-batch.command';
export { RetractExportStatisticCommand } from './commands/retract-export-statistic/retract-export-statistic.command';
export { RefreshStatisticReferenceCommand } from './commands/refresh-statistic-reference/refresh-statistic-reference.command';
export { GetStatisticHistoryQuery } from './queries/get-statistic-history/get-statistic-history.query';
export { GetStatisticsInScopeQuery, type StatisticFigure } from './queries/get-statistics-in-scope/get-statistics-in-scope.query';
export { GetStatisticAsOfQuery } from './queries/get-statistic-as-of/get-statistic-as-of.query';
export type { StatisticInput } from './statistic-input';
