import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { RecordExportStatisticHandler } from './commands/record-export-statistic/record-export-statistic.handler';
import { RecordExportStatisticResolver } from './commands/record-export-statistic/record-export-statistic.resolver';
import { RecordExportStatisticsBatchHandler } from './commands/record-export-statistics-batch/record-export-statistics-batch.handler';
import { RecordExportStatisticsBatchResolver } from './commands/record-export-statistics-batch/record-export-statistics-batch.resolver';
import { RetractExportStatisticHandler } from './commands/retract-export-statistic/retract-export-statistic.handler';
import { RetractExportStatisticResolver } from './commands/retract-export-statistic/retract-export-statistic.resolver';
import { RefreshStatisticReferenceHandler } from './commands/refresh-statistic-reference/refresh-statistic-reference.handler';
import { ReviseExportStatisticHandler } from './commands/revise-export-statistic/revise-export-statistic.handler';
import { ReviseExportStatisticResolver } from './commands/revise-export-statistic/revise-export-statistic.resolver';
import { ExportStatisticRepository } from './infrastructure/export-statistic.repository';
import { StatisticContextProvider } from './infrastructure/statistic-context.provider';
import { StatisticReferenceCache } from './infrastructure/statistic-reference.cache';
import { CountryCachesTask } from './infrastructure/country-caches.task';
import { RetractExportStatisticsBatchHandler } from './commands/retract-export-statistics-batch/retract-export-statistics-batch.handler';
import { GetStatisticsInScopeHandler } from './queries/get-statistics-in-scope/get-statistics-in-scope.handler';
import { GetStatisticAsOfHandler } from './queries/get-statistic-as-of/get-statistic-as-of.handler';
import { GetStatisticAsOfResolver } from './queries/get-statistic-as-of/get-statistic-as-of.resolver';
import { GetStatisticHistoryHandler } from './queries/get-statistic-history/get-statistic-history.handler';
import { GetStatisticHistoryResolver } from './queries/get-statistic-history/get-statistic-history.resolver';
import { ExportStatisticSchema } from './infrastructure/export-statistic.entity';

@Module({
  imports: [MikroOrmModule.forFeature([ExportStatisticSchema])],
  providers: [
    ExportStatisticRepository,
    StatisticReferenceCache,
    CountryCachesTask,
    StatisticContextProvider,
    RecordExportStatisticHandler,
    RecordExportStatisticResolver,
    ReviseExportStatisticHandler,
    ReviseExportStatisticResolver,
    RetractExportStatisticHandler,
    RetractExportStatisticResolver,
    RecordExportStatisticsBatchHandler,
    RecordExportStatisticsBatchResolver,
    RefreshStatisticReferenceHandler,
    RetractExportStatisticsBatchHandler,
    GetStatisticsInScopeHandler,
    GetStatisticHistoryHandler,
    GetStatisticHistoryResolver,
    GetStatisticAsOfHandler,
    GetStatisticAsOfResolver,
  ],
})
export class StatisticsModule {}
