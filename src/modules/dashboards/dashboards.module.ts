import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { WatermarkModule } from '../../platform/relay/watermark.module';
import { RebuildReadModelHandler } from './commands/rebuild-read-model/rebuild-read-model.handler';
import { RebuildReadModelResolver } from './commands/rebuild-read-model/rebuild-read-model.resolver';
import { ArchiveCountryFactsHandler } from './commands/archive-country-facts/archive-country-facts.handler';
import { RestoreCountryFactsHandler } from './commands/restore-country-facts/restore-country-facts.handler';
import { CountryArchive } from './projections/facts/country-archive';
import { RecalculateCountryDashboardsHandler } from './commands/recalculate-country-dashboards/recalculate-country-dashboards.handler';
import { RecalculationWatchHost } from './recalculation-watch.host';
import { ReadModelCountryCachesTask } from './projections/country-caches.task';
import { ProcessManagerModule } from '../../platform/process-manager/process-manager.module';
import { ReadModelIndexManager } from './elasticsearch/read-model-index-manager';
import { ReadModelLifecycle } from './read-model-lifecycle.host';
import { readModelProviders } from './read-model.providers';
import { SummaryFlushHost } from './summary-flush.host';
import { ReadModelProjection } from './read-model.projection';
import { ReadModelRebuilder } from './rebuild/read-model-rebuilder';
import { ReadModelMessageHandler } from './read-model.message-handler';
import { GetCountryProfileHandler } from './queries/get-country-profile/get-country-profile.handler';
import { GetCountryProfileResolver } from './queries/get-country-profile/get-country-profile.resolver';
import { GetDashboardSummaryHandler } from './queries/get-dashboard-summary/get-dashboard-summary.handler';
import { GetDashboardSummaryResolver } from './queries/get-dashboard-summary/get-dashboard-summary.resolver';
import { GetPartnerRankingHandler } from './queries/get-partner-ranking/get-partner-ranking.handler';
import { GetPartnerRankingResolver } from './queries/get-partner-ranking/get-partner-ranking.resolver';
import { GetProductProfileHandler } from './queries/get-product-profile/get-product-profile.handler';
import { GetProductProfileResolver } from './queries/get-product-profile/get-product-profile.resolver';
import { GetProductRankingHandler } from './queries/get-product-ranking/get-product-ranking.handler';
import { GetProductRankingResolver } from './queries/get-product-ranking/get-product-ranking.resolver';
import { GetRebuildProgressHandler } from './queries/get-rebuild-progress/get-rebuild-progress.handler';
import { GetRebuildProgressResolver } from './queries/get-rebuild-progress/get-rebuild-progress.resolver';
import { GetStatisticFactsHandler } from './queries/get-statistic-facts/get-statistic-facts.handler';
import { GetStatisticFactsResolver } from './queries/get-statistic-facts/get-statistic-facts.resolver';
import { GetTrendHandler } from './queries/get-trend/get-trend.handler';
import { GetTrendResolver } from './queries/get-trend/get-trend.resolver';
import { SearchProductsHandler } from './queries/search-products/search-products.handler';
import { HasReadModelPassedHandler } from './queries/has-read-model-passed/has-read-model-passed.handler';
import { GetAlertsHandler } from './queries/get-alerts/get-alerts.handler';
import { GetAlertsResolver } from './queries/get-alerts/get-alerts.resolver';
import { SearchProductsResolver } from './queries/search-products/search-products.resolver';
import { PUBLISHED_MONTH_SOURCE, type PublishedMonthSource } from './publication/published-month-source';
import { DashboardUpdatedResolver } from './subscriptions/dashboard-updated.resolver';
import { ExportAlertsResolver } from './subscriptions/export-alerts.resolver';
import { ThresholdAlertsMessageHandler } from './subscriptions/threshold-alerts.message-handler';

/** The read side: Elasticsearch projections fed by the consumers, the dashboard queries, and rebuilds. */
@Module({
  imports: [WatermarkModule, ProcessManagerModule],
  providers: [
    ...readModelProviders,
    ReadModelLifecycle,
    SummaryFlushHost,
    ReadModelMessageHandler,
    GetDashboardSummaryHandler,
    GetDashboardSummaryResolver,
    GetCountryProfileHandler,
    GetCountryProfileResolver,
    GetProductProfileHandler,
    GetProductProfileResolver,
    GetTrendHandler,
    GetTrendResolver,
    GetPartnerRankingHandler,
    GetPartnerRankingResolver,
    GetProductRankingHandler,
    GetProductRankingResolver,
    SearchProductsHandler,
    SearchProductsResolver,
    GetStatisticFactsHandler,
    GetStatisticFactsResolver,
    GetRebuildProgressHandler,
    GetRebuildProgressResolver,
    HasReadModelPassedHandler,
    GetAlertsHandler,
    GetAlertsResolver,
    RebuildReadModelHandler,
    RebuildReadModelResolver,
    DashboardUpdatedResolver,
    ExportAlertsResolver,
    ThresholdAlertsMessageHandler,
    CountryArchive,
    ArchiveCountryFactsHandler,
    RestoreCountryFactsHandler,
    RecalculateCountryDashboardsHandler,
    RecalculationWatchHost,
    ReadModelCountryCachesTask,
  ],
  exports: [ReadModelProjection, ReadModelIndexManager, ReadModelRebuilder],
})
export class DashboardsModule {
  /**
   * The read side with the customs import's published month as its publication horizon:
   * `DashboardsModule.register({ imports: [CustomsImportModule], publishedMonths: CustomsPublishedMonths })`,
   * where the module exports that source. Imported as is, the read model's latest month is the horizon.
   */
  static register(options: { imports: ModuleMetadata['imports']; publishedMonths: Type<PublishedMonthSource> }): DynamicModule {
    return {
      module: DashboardsModule,
      imports: options.imports,
      providers: [{ provide: PUBLISHED_MONTH_SOURCE, useExisting: options.publishedMonths }],
    };
  }
}
