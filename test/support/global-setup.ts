import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { seedReferenceData } from '../../src/cli/seed-reference.cli';
import { mikroOrmOptions } from '../../src/platform/database/mikro-orm.options';
import { assertComponentsUp } from '../../src/platform/health/preflight';
import { testConfig } from './test-config';

/**
 * Finds or starts the real components once per run: Elasticsearch is started through the
 * project's own script unless ES_URL names a cluster; the test database is migrated and seeded.
 */
export default async function globalSetup(): Promise<void> {
  const config = testConfig();
  if (!process.env.ES_URL) {
    const started = spawnSync('bash', [join(__dirname, '../../scripts/elasticsearch.sh'), 'start'], {
      stdio: 'inherit',
    });
    if (started.status !== 0) throw new Error('Elasticsearch could not be started for the tests (see above)');
  }
  await assertComponentsUp(config);
  const options = mikroOrmOptions(config);
  const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, silent: true } });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
  // Countries and HS codes through their aggregates, as in production; idempotent, so quick once seeded.
  await seedReferenceData(config, 'test-harness');
}
