import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { ElasticsearchModule } from './platform/elasticsearch/elasticsearch.module';
import { EventLogModule } from './platform/event-log/event-log.module';
import { StatisticsModule } from './modules/statistics/statistics.module';
import { CountriesModule } from './modules/countries/countries.module';
import { CatalogueModule } from './modules/catalogue/catalogue.module';
import { ReferenceDataModule } from './modules/reference-data/reference-data.module';
import { GraphqlPlatformModule } from './platform/graphql/graphql-platform.module';
import { LiveModule } from './platform/live/live.module';
import { HealthModule } from './platform/health/health.module';
import { LoggingModule } from './platform/logging/logging.module';
import { TracingModule } from './platform/tracing/tracing.module';
import { MessagingModule } from './platform/messaging/messaging.module';
import { DeliveryModule } from './platform/delivery/delivery.module';
import { ProcessManagerModule } from './platform/process-manager/process-manager.module';
import { InstancesModule } from './platform/instances/instances.module';
import { DashboardsModule } from './modules/dashboards';
import { CustomsImportModule, CustomsImportScheduleModule, CustomsImportService, CustomsPublishedMonths } from './modules/customs-import';
import { customsScheduleEnabled } from './config/customs-import-ops.config';
import { NotificationsModule } from './modules/notifications/notifications.module';

/** What a caller may change about the app besides its configuration. */
export interface AppOptions {
  /** Where the JSON log lines go; stdout when absent. */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(options.logDestination),
        CqrsModule.forRoot(),
        TracingModule,
        DatabaseModule,
        EventLogModule,
        MessagingModule,
        ElasticsearchModule,
        GraphqlPlatformModule,
        LiveModule,
        HealthModule,
        StatisticsModule,
        CountriesModule,
        CatalogueModule,
        ReferenceDataModule,
        DeliveryModule,
        ProcessManagerModule,
        InstancesModule,
        // The dashboards' publication horizon is the latest month the customs import brought in (ADR 0007).
        DashboardsModule.register({ imports: [CustomsImportModule], publishedMonths: CustomsPublishedMonths }),
        CustomsImportModule,
        NotificationsModule,
        // Fires each month's import into the job service; only where the schedule is enabled.
        ...(customsScheduleEnabled(config) ? [CustomsImportScheduleModule.register({ imports: [CustomsImportModule], starter: CustomsImportService })] : []),
      ],
    };
  }
}
