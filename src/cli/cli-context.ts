import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { CatalogueModule } from '../modules/catalogue/catalogue.module';
import { CountriesModule } from '../modules/countries/countries.module';
import { ReferenceDataModule } from '../modules/reference-data/reference-data.module';
import { StatisticsModule } from '../modules/statistics/statistics.module';
import { DatabaseModule } from '../platform/database/database.module';
import { EventLogModule } from '../platform/event-log/event-log.module';

/**
 * Only what the write-side CLI commands need: PostgreSQL, the event log and the command handlers.
 * The full AppModule would also connect to RabbitMQ and start its background work (relay,
 * consumers) in a process that lives for seconds. Running instances learn new reference codes on
 * their own: their statistic reference cache re-reads the tables when a command names one it lacks.
 */
@Module({})
class WriteSideCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WriteSideCliModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        DatabaseModule,
        EventLogModule,
        CountriesModule,
        CatalogueModule,
        ReferenceDataModule,
        StatisticsModule,
      ],
    };
  }
}

/** Runs `work` in a write-side application context (no HTTP), then closes it. */
export async function withWriteSide<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(WriteSideCliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
