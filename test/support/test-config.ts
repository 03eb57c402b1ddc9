import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

export const TEST_OPERATOR_KEY = 'test-operator-key';
/** Configured as `test-operator:<key>`, so events written by tests name the actor `test-operator`. */
export const TEST_READER_KEY = 'test-reader-key';

/**
 * The configuration every int and e2e test runs under: the test database (never the development
 * one) and names in Elasticsearch and RabbitMQ unique to this run, so tests can run twice in a row
 * and beside a running app.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/export_stats_test',
    ES_INDEX_PREFIX: uniqueName('test'),
    // Delivery is off unless a test turns it on (and deletes the topology it declared): an app
    // a test starts must never publish the test database's log into queues it does not own.
    BROKER_PREFIX: uniqueName('test'),
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    // Likewise the customs import's workers, which declare work queues under the prefix.
    CUSTOMS_IMPORT_WORKERS: 'false',
    // And the process manager, which would fire deadlines and send commands of processes in the shared test database.
    PROCESS_MANAGER_ENABLED: 'false',
    OPERATOR_API_KEYS: `test-operator:${TEST_OPERATOR_KEY}`,
    READER_API_KEYS: TEST_READER_KEY,
    ...overrides,
  });
  assertTestDatabase(config.DATABASE_URL);
  return config;
}

/** The harness refuses any database whose name does not say it is for tests. */
function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
