import { Client } from '@elastic/elasticsearch';
import { Pool } from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { AppProcess } from './app-process';
import { deleteCustomsImportQueues } from './customs-import-queues';
import { TEST_OPERATOR_KEY, uniqueName } from './test-config';

/** A fault test's (and its hooks') time limit: generous, a hung child or node should fail the test, not stall CI. */
export const FAULT_TEST_TIMEOUT_MS = 600_000;
/** Connections the harness itself opens carry this name, so a fault never terminates them. */
export const HARNESS_APPLICATION_NAME = 'fault-suite-harness';
/** The reference data every world starts with (see faults-global-setup.ts). */
export const FAULT_COUNTRIES = ['CN', 'US', 'VN', 'JP', 'DE', 'IN'] as const;
export const FAULT_CHAPTERS = ['84', '85', '87'] as const;

export function databaseUrl(name: string): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/export_stats_test');
  base.pathname = `/${name}`;
  return base.toString();
}

/** The maintenance database of the same server, to create and drop the suite's databases from. */
export function adminUrl(): string {
  return databaseUrl('postgres');
}

/** A database name for the fault suite: it says it is for tests, and is unique to this run. */
export function faultDatabaseName(purpose: string): string {
  return `export_stats_test_faults_${purpose}_${uniqueName('x').replace(/-/g, '_').slice(2)}`;
}

export async function withAdmin<T>(work: (admin: Pool) => Promise<T>): Promise<T> {
  const admin = new Pool({ connectionString: adminUrl(), max: 1, application_name: HARNESS_APPLICATION_NAME });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Drops a database this suite created; its name must say it is a fault-suite test database. FORCE
 * ends the sessions still on it, which can only be this suite's own (children and harness).
 */
export async function dropFaultDatabase(name: string): Promise<void> {
  if (!name.startsWith('export_stats_test_faults_')) throw new Error(`refusing to drop ${name}: not a fault-suite database`);
  await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
}

/**
 * Everything one fault test owns: a database cloned from the suite's template (migrated, with a
 * few countries and chapters), an index prefix, a broker prefix and a relay name of its own, and
 * the app instances it starts. `cleanUp` stops the instances and removes all of it, so the test can
 * run beside a running app, beside other tests, and twice in a row.
 */
export class FaultWorld {
  readonly esIndexPrefix = uniqueName('test-faults');
  readonly brokerPrefix = uniqueName('test-faults');
  readonly relayName = 'faults';
  readonly db: Pool;
  readonly es: Client;
  private readonly apps: AppProcess[] = [];
  private readonly started = Date.now();
  private readonly marks: string[] = [];

  private constructor(
    readonly database: string,
    readonly services: { readonly esUrl: string; readonly rabbitmqUrl: string },
  ) {
    this.db = new Pool({ connectionString: databaseUrl(database), max: 6, application_name: HARNESS_APPLICATION_NAME });
    // A fault may end any of these sessions; a pool without a listener would crash the run.
    this.db.on('error', () => undefined);
    this.es = new Client({ node: services.esUrl, requestTimeout: 120_000 });
  }

  /** A new world on a fresh copy of the template database; Elasticsearch and the broker default to the shared ones. */
  static async create(services: Partial<FaultWorld['services']> = {}): Promise<FaultWorld> {
    const template = process.env.FAULTS_TEMPLATE_DATABASE;
    if (!template) throw new Error('FAULTS_TEMPLATE_DATABASE is not set: run the fault suite through its jest project (globalSetup)');
    const database = faultDatabaseName('run');
    await withAdmin((admin) => admin.query(`create database "${database}" template "${template}"`));
    return new FaultWorld(database, {
      esUrl: services.esUrl ?? process.env.ES_URL ?? 'http://127.0.0.1:9200',
      rabbitmqUrl: services.rabbitmqUrl ?? process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    });
  }

  /** The environment of an instance of the service in this world. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      // Production mode, as operators run it (in test mode an instance deletes the indexes it created when it stops).
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      DATABASE_URL: databaseUrl(this.database),
      DATABASE_POOL_SIZE: '8',
      RABBITMQ_URL: this.services.rabbitmqUrl,
      ES_URL: this.services.esUrl,
      ES_INDEX_PREFIX: this.esIndexPrefix,
      BROKER_PREFIX: this.brokerPrefix,
      RELAY_NAME: this.relayName,
      OPERATOR_API_KEYS: `test-operator:${TEST_OPERATOR_KEY}`,
      STARTUP_TIMEOUT_MS: '15000',
      RELAY_POLL_INTERVAL_MS: '200',
      RELAY_HEARTBEAT_INTERVAL_MS: '500',
      RELAY_LEASE_TIMEOUT_MS: '3000',
      RELAY_CONFIRM_TIMEOUT_MS: '5000',
      RELAY_BATCH_SIZE: '500',
      CONSUMER_RETRY_BASE_MS: '20',
      CONSUMER_RETRY_MAX_MS: '1000',
      SUMMARY_FLUSH_INTERVAL_MS: '200',
      AMQP_HEARTBEAT_S: '2',
      // The suite breaks the delivery path; the customs import's workers and schedule have tests of
      // their own, and here they would only add queues to count and to clean up.
      CUSTOMS_IMPORT_WORKERS: 'false',
      CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
      ...overrides,
    };
  }

  /** The validated configuration an instance of this world runs under. */
  config(overrides: Record<string, string> = {}): AppConfig {
    return loadConfig(this.env(overrides));
  }

  /** Starts an instance of the service (a child process) in this world and waits until it is ready. */
  async startApp(name: string, overrides: Record<string, string> = {}): Promise<AppProcess> {
    const app = await AppProcess.start(name, this.env(overrides));
    this.apps.push(app);
    return app;
  }

  /** Notes how far into the test a step ended; the notes are printed at clean-up (what a slow run spent its time on). */
  mark(step: string): void {
    this.marks.push(`${step} ${((Date.now() - this.started) / 1000).toFixed(1)}s`);
  }

  async cleanUp(): Promise<void> {
    if (this.marks.length > 0) process.stdout.write(`[faults] ${expect.getState().testPath?.split('/').pop() ?? ''}: ${this.marks.join(', ')}\n`);
    for (const app of this.apps) await app.stop().catch(() => undefined);
    await deleteInstanceNames(this.config(), this.es);
    await this.es.close();
    await this.db.end();
    await dropFaultDatabase(this.database);
  }
}

/**
 * Removes what instances under one configuration's names declared: the broker topology, the
 * customs import's work queues (left by a test that turns the workers on) and the read-model indexes.
 */
export async function deleteInstanceNames(config: AppConfig, es: Client): Promise<void> {
  await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config)).catch(() => undefined);
  await deleteCustomsImportQueues(config.RABBITMQ_URL, config.BROKER_PREFIX).catch(() => undefined);
  await new ReadModelIndexManager(es, config.ES_INDEX_PREFIX).deleteAll().catch(() => undefined);
}
