import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { seedReferenceData } from '../../../../cli/seed-reference.cli';
import type { AppConfig } from '../../../../config/app-config';
import { mikroOrmOptions } from '../../../../platform/database/mikro-orm.options';
import { testConfig, uniqueName } from '../../../../../test/support/test-config';

const EVERYTHING = {
  countriesRegistered: 250,
  categoriesCreated: { chapters: 97, headings: 1229, subheadings: 5613 },
  position: expect.stringMatching(/^\d+$/),
};
const NOTHING = { countriesRegistered: 0, categoriesCreated: { chapters: 0, headings: 0, subheadings: 0 }, position: null };

/** A fresh, migrated database of its own, so the seed starts from empty whatever the shared one holds. */
async function freshDatabase(admin: Pool): Promise<AppConfig> {
  const name = uniqueName('seed_test').replace(/-/g, '_');
  await admin.query(`create database ${name}`);
  const url = new URL(testConfig().DATABASE_URL);
  url.pathname = `/${name}`;
  const config = testConfig({ DATABASE_URL: url.toString() });
  const options = mikroOrmOptions(config);
  const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, silent: true } });
  await orm.getMigrator().up();
  await orm.close();
  return config;
}

describe('seedReferenceData (real PostgreSQL)', () => {
  const admin = new Pool({ connectionString: testConfig().DATABASE_URL, max: 1 });
  const databases: string[] = [];
  const fresh = async () => {
    const config = await freshDatabase(admin);
    databases.push(new URL(config.DATABASE_URL).pathname.slice(1));
    return config;
  };
  const countLog = async (config: AppConfig) => {
    const db = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
    try {
      const { rows } = await db.query(`select type, count(*)::int as events, count(distinct stream_id)::int as streams
                                        from event_log group by type order by type`);
      return rows;
    } finally {
      await db.end();
    }
  };
  const EVERY_EVENT = [
    { type: 'CountryRegistered', events: 250, streams: 250 },
    { type: 'ProductCategoryCreated', events: 6939, streams: 6939 },
  ];

  afterAll(async () => {
    for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('given an empty catalogue, registers every country and HS code once, and a second run writes nothing', async () => {
    const config = await fresh();

    const first = await seedReferenceData(config, 'test');
    const second = await seedReferenceData(config, 'test');

    expect(first).toEqual(EVERYTHING);
    expect(second).toEqual(NOTHING);
    expect(await countLog(config)).toEqual(EVERY_EVENT);
  });

  it('given two seeds at once, each HS code and country is still written exactly once', async () => {
    const config = await fresh();

    await Promise.all([seedReferenceData(config, 'one'), seedReferenceData(config, 'two')]);

    expect(await countLog(config)).toEqual(EVERY_EVENT);
  });

  it('given the shared test database, which the harness seeded, a further run writes nothing', async () => {
    expect(await seedReferenceData(testConfig(), 'test')).toEqual(NOTHING);
  });
});
