import 'reflect-metadata';
import { Client } from '@elastic/elasticsearch';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { assertComponentsUp } from '../../src/platform/health/preflight';
import { AppProcess, runCli } from './app-process';
import { buildWhenStale } from './build-when-stale';
import { FAULT_CHAPTERS, FAULT_COUNTRIES, databaseUrl, faultDatabaseName, withAdmin } from './fault-world';
import { TEST_OPERATOR_KEY, testConfig, uniqueName } from './test-config';

const COUNTRY_NAMES: Record<(typeof FAULT_COUNTRIES)[number], [string, string]> = {
  CN: ['China', '중국'],
  US: ['United States', '미국'],
  VN: ['Viet Nam', '베트남'],
  JP: ['Japan', '일본'],
  DE: ['Germany', '독일'],
  IN: ['India', '인도'],
};
const CHAPTERS: Record<(typeof FAULT_CHAPTERS)[number], [string, string]> = {
  '84': ['XVI', 'Nuclear reactors, boilers, machinery and mechanical appliances'],
  '85': ['XVI', 'Electrical machinery and equipment and parts thereof'],
  '87': ['XVII', 'Vehicles other than railway or tramway rolling stock'],
};

/**
 * The fault suite runs the built service as child processes: it builds dist/ when a source file is
 * newer, then prepares the template every test's database is cloned from (migrated, with six
 * countries and three chapters registered through the service's own mutations).
 */
export default async function faultsGlobalSetup(): Promise<void> {
  buildWhenStale();
  await assertComponentsUp(testConfig());
  const template = faultDatabaseName('template');
  await withAdmin((admin) => admin.query(`create database "${template}"`));
  process.env.FAULTS_TEMPLATE_DATABASE = template;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl(template),
    ES_URL: process.env.ES_URL ?? 'http://127.0.0.1:9200',
    ES_INDEX_PREFIX: uniqueName('test-faults-template'),
    BROKER_PREFIX: uniqueName('test-faults-template'),
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    CUSTOMS_IMPORT_WORKERS: 'false',
    OPERATOR_API_KEYS: `test-operator:${TEST_OPERATOR_KEY}`,
  };
  await runCli(env, ['migrate']);
  const app = await AppProcess.start('template seeder', env);
  try {
    for (const code of FAULT_COUNTRIES) {
      const [nameEn, nameKo] = COUNTRY_NAMES[code];
      await mutate(app.url, 'mutation($input: RegisterCountryInput!) { registerCountry(input: $input) { version } }', { input: { code, nameEn, nameKo } });
    }
    for (const hsCode of FAULT_CHAPTERS) {
      const [section, descriptionEn] = CHAPTERS[hsCode];
      await mutate(app.url, 'mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { version } }', {
        input: { hsCode, section, descriptionEn },
      });
    }
  } finally {
    await app.stop();
    const es = new Client({ node: env.ES_URL });
    await new ReadModelIndexManager(es, env.ES_INDEX_PREFIX).deleteAll();
    await es.close();
  }
}

async function mutate(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': TEST_OPERATOR_KEY },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(`seeding the fault template failed: ${JSON.stringify(body.errors)}`);
}
