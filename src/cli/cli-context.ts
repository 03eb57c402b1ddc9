import { hostname, userInfo } from 'node:os';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { createApp } from '../bootstrap';
import { loadConfig, type AppConfig } from '../config/app-config';
import { DomainError } from '../kernel/domain-error';
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

/**
 * Runs `work` in the whole application (no HTTP listening) with none of its background work: no
 * relay, consumers, import workers, schedule or process poller, since an operator's command lives
 * for seconds and is a client of the running service's tables and queues. An expected refusal
 * (`isRefusal`: a domain error unless told otherwise) is printed for the operator, without a stack
 * trace, and sets exit code 1.
 */
export async function withOperatorApp(
  work: (app: INestApplicationContext, config: AppConfig) => Promise<void>,
  isRefusal: (error: unknown) => error is Error = (error): error is DomainError => error instanceof DomainError,
): Promise<void> {
  const config = loadConfig({
    ...process.env,
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    CUSTOMS_IMPORT_WORKERS: 'false',
    CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
    PROCESS_MANAGER_ENABLED: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await createApp(config);
  try {
    await app.init();
    await work(app, config);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

/** Who acted, as the logs and records of an operator's command name them: the operating-system user. */
export function cliOperator(): string {
  return `cli:${userInfo().username}@${hostname()}`;
}
