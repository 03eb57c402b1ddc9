import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { mikroOrmOptions } from '../../src/platform/database/mikro-orm.options';
import { testConfig } from '../support/test-config';
import { MAPPED_ENTITIES } from '../support/write-side';

/**
 * Tables that belong to no aggregate and are not mapped: their SQL lives beside the code that uses
 * them (relay checkpoint and lease, parking, read-model bookkeeping, the customs import's job,
 * quota and schedule, notification deliveries), and MikroORM never reads or writes them. Everything else in the schema must
 * be described by an entity.
 */
const UNMAPPED_TABLES = [
  'relay_checkpoint',
  'relay_lease',
  'parked_key',
  'parked_message',
  'parking_log',
  'projection_checkpoint',
  'read_model_rebuild',
  'read_model_names_version',
  'summary_mark',
  'customs_import',
  'customs_import_unit',
  'customs_import_payload',
  'customs_quota_day',
  'customs_rate',
  'customs_import_schedule_firing',
  // Durable processes: raw SQL in src/platform/process-manager (ADR 0012).
  'process',
  'process_handled_message',
  'process_deadline',
  'process_command',
  'notification_batch',
  'notification_delivery',
  // The country processes' waits and the live instances: raw SQL (dashboards/recalculation, platform/instances).
  'dashboards_recalculation_wait',
  'app_instance',
  'app_instance_request',
];

describe('MikroORM entities and migrations (real PostgreSQL)', () => {
  const config = testConfig();
  const fresh = new URL(config.DATABASE_URL);
  fresh.pathname = `/${fresh.pathname.slice(1)}_schema_${randomBytes(3).toString('hex')}`;
  const admin = new URL(config.DATABASE_URL);
  admin.pathname = '/postgres';

  async function asAdmin(sql: string): Promise<void> {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  const database = fresh.pathname.slice(1);
  beforeAll(() => asAdmin(`create database "${database}"`));
  afterAll(() => asAdmin(`drop database if exists "${database}" with (force)`));

  it('given a fresh database migrated to the latest version, then the schema diff against the entities is empty', async () => {
    const options = mikroOrmOptions(testConfig({ DATABASE_URL: fresh.toString() }));
    const orm = await MikroORM.init({
      ...options,
      entities: MAPPED_ENTITIES,
      migrations: { ...options.migrations, silent: true },
      schemaGenerator: { skipTables: UNMAPPED_TABLES },
    });
    try {
      await orm.getMigrator().up();

      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });

      expect(diff.trim()).toBe('');
    } finally {
      await orm.close();
    }
  });

  it('given the unmapped list, then every table the migrations create is either mapped or listed', async () => {
    const options = mikroOrmOptions(testConfig({ DATABASE_URL: fresh.toString() }));
    const orm = await MikroORM.init({ ...options, entities: MAPPED_ENTITIES, migrations: { ...options.migrations, silent: true } });
    try {
      await orm.getMigrator().up();
      const rows = await orm.em.getConnection().execute<{ name: string }[]>(
        `select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`,
      );
      const mapped = MAPPED_ENTITIES.map((schema) => schema.meta.tableName);

      expect(rows.map((row) => row.name).sort()).toEqual([...mapped, ...UNMAPPED_TABLES].sort());
    } finally {
      await orm.close();
    }
  });
});
