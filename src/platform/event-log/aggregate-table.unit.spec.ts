import { MikroORM } from '@mikro-orm/postgresql';
import { ProductCategoryRecord, ProductCategorySchema } from '../../modules/catalogue/infrastructure/product-category.entity';
import { ExportStatisticRecord, ExportStatisticSchema } from '../../modules/statistics/infrastructure/export-statistic.entity';
import { insertOneSql } from './aggregate-store.sql';
import { aggregateTableOf, eventLogTableOf } from './aggregate-table';
import { EventLogEntry, EventLogEntrySchema } from './event-log-entry.entity';

describe('aggregateTableOf: the write path reads its tables from MikroORM metadata', () => {
  let orm: MikroORM;

  // Discovery only: no connection is opened.
  beforeAll(async () => {
    orm = await MikroORM.init({ entities: [ExportStatisticSchema, ProductCategorySchema, EventLogEntrySchema], dbName: 'unused', connect: false });
  });

  afterAll(() => orm.close());

  it('takes table, key, version and every column with its SQL type from the entity', () => {
    const table = aggregateTableOf(orm.getMetadata().get(ExportStatisticRecord.name));

    expect(table.name).toBe('export_statistic');
    expect(table.key).toEqual({ property: 'key', name: 'key', type: 'text' });
    expect(table.version).toEqual({ property: 'version', name: 'version', type: 'int' });
    expect(table.columns.map(({ name, type }) => `${name} ${type}`)).toEqual([
      'key text',
      'country_code char(2)',
      'hs_code varchar(10)',
      'year smallint',
      'month smallint',
      'value_usd numeric(20,2)',
      'weight_kg numeric(21,3)',
      'status text',
      'version int',
      'updated_at timestamptz',
    ]);
  });

  it('writes a many-to-one as its key column', () => {
    const table = aggregateTableOf(orm.getMetadata().get(ProductCategoryRecord.name));

    expect(table.columns).toContainEqual({ property: 'parent', name: 'parent_code', type: 'varchar(10)' });
  });

  it('builds the statements from those names and types', () => {
    const metadata = orm.getMetadata();
    const sql = insertOneSql(aggregateTableOf(metadata.get(ExportStatisticRecord.name)), eventLogTableOf(metadata.get(EventLogEntry.name)));

    expect(sql).toContain('insert into export_statistic (key, country_code, hs_code, year, month, value_usd, weight_kg, status, version, updated_at)');
    expect(sql).toContain('values ($1::text, $2::char(2), $3::varchar(10), $4::smallint, $5::smallint, $6::numeric(20,2)');
    expect(sql).toContain('insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)');
  });
});
