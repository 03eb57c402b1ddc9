import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { createApp } from '../../src/bootstrap';
import type { AppOptions } from '../../src/app.module';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { AnomalyNoticeLedger } from '../../src/modules/dashboards/commands/request-anomaly-notifications/anomaly-notice-ledger';
import { TEST_OPERATOR_KEY, testConfig } from './test-config';

/** The real application on the test database, ready for `inject` and for its CommandBus. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: AppOptions = {},
): Promise<{
  app: NestFastifyApplication;
  config: AppConfig;
  db: Pool;
}> {
  const config = testConfig(overrides);
  const app = await createApp(config, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = new Pool({ connectionString: config.DATABASE_URL, max: 4 });
  return { app, config, db };
}

export async function stopTestApp({ app, db }: { app: NestFastifyApplication; db: Pool }): Promise<void> {
  const ledger = new AnomalyNoticeLedger(db, app.get<AppConfig>(APP_CONFIG).ES_INDEX_PREFIX);
  await app.close();
  // What the live read model asked operators to be told of anomalies, once the app wrote its last.
  await ledger.deleteAll();
  await db.end();
}

/** A GraphQL request through the HTTP stack, as an operator unless other headers are given. */
export async function graphql(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = { 'x-api-key': TEST_OPERATOR_KEY },
): Promise<{ statusCode: number; body: unknown }> {
  const response = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query, variables } });
  return { statusCode: response.statusCode, body: response.json() };
}
