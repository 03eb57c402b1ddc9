import { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../src/config/app-config';
import { CountrySchema } from '../../src/modules/countries/infrastructure/country.entity';
import { ProductCategorySchema } from '../../src/modules/catalogue/infrastructure/product-category.entity';
import { ExportStatisticSchema } from '../../src/modules/statistics/infrastructure/export-statistic.entity';
import { OrmSqlPool } from '../../src/platform/database/pg-pool';
import { mikroOrmOptions } from '../../src/platform/database/mikro-orm.options';
import { AggregateStore } from '../../src/platform/event-log/aggregate-store';
import { EventLogEntrySchema } from '../../src/platform/event-log/event-log-entry.entity';
import { LogDoorbell } from '../../src/platform/event-log/log-doorbell';
import { testConfig } from './test-config';

/** Every entity the application maps: the event log and each aggregate's table. */
export const MAPPED_ENTITIES = [EventLogEntrySchema, ExportStatisticSchema, CountrySchema, ProductCategorySchema];

export interface WriteSide {
  readonly orm: MikroORM;
  readonly pool: OrmSqlPool;
  readonly store: AggregateStore;
  readonly doorbell: LogDoorbell;
  close(): Promise<void>;
}

/** The write side without the application: MikroORM with the mapped entities, its pool and the store on it. */
export async function openWriteSide(config: AppConfig = testConfig(), poolSize?: number): Promise<WriteSide> {
  const options = mikroOrmOptions(config);
  const orm = await MikroORM.init({ ...options, entities: MAPPED_ENTITIES, pool: { ...options.pool, max: poolSize ?? options.pool?.max } });
  const pool = OrmSqlPool.of(orm);
  const doorbell = new LogDoorbell(pool);
  const store = new AggregateStore(pool, doorbell, orm);
  const close = async () => {
    await doorbell.settled();
    await orm.close();
  };
  return { orm, pool, store, doorbell, close };
}
