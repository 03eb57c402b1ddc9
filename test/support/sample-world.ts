import { Client } from '@elastic/elasticsearch';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { AppProcess, runCli } from './app-process';
import { databaseUrl, deleteInstanceNames, withAdmin } from './fault-world';
import { TEST_OPERATOR_KEY, TEST_READER_KEY, uniqueName } from './test-config';

/** A small synthetic sample (`seed` of the CLI): two whole years, ~45 partners, ~100 HS codes, a few corrections. */
export const SMALL_SAMPLE = ['--statistics', '1500', '--from', '2024-01', '--to', '2025-12', '--products', '40', '--tail-partners', '5', '--corrections', '4'];
/** The last whole year of SMALL_SAMPLE: every month of it is published, so its figures are final. */
export const SAMPLE_YEAR = 2025;

/** Where a world lives. */
export interface WorldNames {
  readonly database: string;
  readonly esIndexPrefix: string;
  readonly brokerPrefix: string;
  readonly relayName: string;
  /** The instance with the relay and the consumers, which projected the sample. */
  readonly url: string;
}

const DATABASE_PREFIX = 'export_stats_test_browser_';
const WORLD_VARIABLE = 'SAMPLE_WORLD';

/**
 * The service as `make run` leaves it: a database of its own, migrated and seeded by the CLI
 * (reference data, then a synthetic sample through the command path), and one instance (the built
 * service, a child process) with the relay and the consumers that has projected all of it. Other
 * instances (closed reads, say) share its database, indexes and broker names. Whoever created the
 * world removes it (`remove`); a test file that attached to it only stops what it started (`close`).
 */
export class SampleWorld {
  readonly db: Pool;
  /** How long `create` took to seed, and until the read model had passed the whole log. */
  timings: { seededMs: number; projectedMs: number } | null = null;
  private readonly started: AppProcess[] = [];

  private constructor(
    readonly names: WorldNames,
    private readonly owned: { database: boolean; main: AppProcess | null },
  ) {
    this.db = new Pool({ connectionString: this.databaseUrl, max: 2 });
  }

  /**
   * Seeds `sample` into `database` (a migrated one with reference data), or into a fresh database
   * of its own when none is given, and starts the projecting instance (its environment plus `env`).
   * The instance starts while the CLI seeds: it projects the same log, only done sooner.
   */
  static async create({ sample, database, env: extra = {} }: { sample: readonly string[]; database?: string; env?: Record<string, string> }): Promise<SampleWorld> {
    const started = Date.now();
    const name = database ?? `${DATABASE_PREFIX}${uniqueName('x').replace(/-/g, '_').slice(2)}`;
    const stamp = uniqueName('test-browser');
    const names = { database: name, esIndexPrefix: stamp, brokerPrefix: stamp, relayName: 'browser', url: '' };
    if (!database) await withAdmin((admin) => admin.query(`create database "${name}"`));
    const env = { ...instanceEnv(names), ...extra };
    let main: AppProcess | null = null;
    let world: SampleWorld | null = null;
    try {
      if (!database) await runCli(env, ['migrate']);
      const seeding = async () => {
        if (!database) await runCli(env, ['seed:reference']);
        await runCli(env, ['seed', ...sample]);
        return Date.now() - started;
      };
      // Both settle before anything is thrown: an instance still starting must not outlive a failed seed.
      const [seeded, instance] = await Promise.allSettled([seeding(), AppProcess.start('projecting instance', { ...env, RELAY_ENABLED: 'true', CONSUMERS_ENABLED: 'true' })]);
      if (instance.status === 'fulfilled') main = instance.value;
      if (seeded.status === 'rejected') throw seeded.reason;
      if (instance.status === 'rejected') throw instance.reason;
      world = new SampleWorld({ ...names, url: main!.url }, { database: !database, main });
      await world.caughtUp(180_000);
      world.timings = { seededMs: seeded.value, projectedMs: Date.now() - started };
      return world;
    } catch (error) {
      await (world ?? new SampleWorld(names, { database: !database, main })).remove();
      throw error;
    }
  }

  /** Hands the world's names on to the test files a jest global set-up runs, in the environment. */
  publish(): void {
    process.env[WORLD_VARIABLE] = JSON.stringify(this.names);
  }

  /** The world a global set-up published: its projecting instance and names are not this object's to remove. */
  static published(): SampleWorld {
    const names = process.env[WORLD_VARIABLE];
    if (!names) throw new Error(`${WORLD_VARIABLE} is not set: run these tests through their jest project (globalSetup)`);
    return new SampleWorld(JSON.parse(names) as WorldNames, { database: false, main: null });
  }

  get databaseUrl(): string {
    return databaseUrl(this.names.database);
  }

  /** Another instance on the world's database and names, without relay or consumers unless asked. */
  async startInstance(name: string, overrides: Record<string, string> = {}): Promise<AppProcess> {
    const instance = await AppProcess.start(name, { ...instanceEnv(this.names), ...overrides });
    this.started.push(instance);
    return instance;
  }

  /** A GraphQL request over HTTP to the projecting instance (or `url`), as a reader unless other headers are given: its data, or it throws. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { 'x-api-key': TEST_READER_KEY }, url = this.names.url): Promise<T> {
    const body = await this.graphqlBody<T>(query, variables, headers, url);
    if (body.errors || !body.data) throw new Error(`GraphQL answered ${JSON.stringify(body)}`);
    return body.data;
  }

  /** The whole answer, errors included. */
  async graphqlBody<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { 'x-api-key': TEST_READER_KEY }, url = this.names.url) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }

  /** A mutation as the operator. */
  mutate<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.graphql<T>(query, variables, { 'x-api-key': TEST_OPERATOR_KEY });
  }

  /** Waits until the read model has passed the last event of the log (a fresh read at its position). */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const { rows } = await this.db.query<{ head: string }>('select coalesce(max(position), 0)::text as head from event_log');
    const query = `query($p: String!) { dashboardSummary(year: ${SAMPLE_YEAR}, consistency: { atLeastPosition: $p, timeoutMs: 5000 }) { fresh } }`;
    for (const deadline = Date.now() + timeoutMs; ; ) {
      const { dashboardSummary } = await this.graphql<{ dashboardSummary: { fresh: boolean } }>(query, { p: rows[0].head });
      if (dashboardSummary.fresh) return;
      if (Date.now() > deadline) throw new Error(`the read model did not reach position ${rows[0].head} within ${timeoutMs} ms`);
    }
  }

  /** Stops the instances this object started and ends its pool. */
  async close(): Promise<void> {
    for (const instance of this.started.splice(0)) await instance.stop().catch(() => undefined);
    await this.db.end();
  }

  /** Also stops the projecting instance, removes the world's indexes and broker names, and drops its database when it made it. */
  async remove(): Promise<void> {
    await this.close();
    await this.owned.main?.stop().catch(() => undefined);
    const es = new Client({ node: process.env.ES_URL ?? 'http://127.0.0.1:9200' });
    await deleteInstanceNames(loadConfig(instanceEnv(this.names)), es);
    await es.close();
    if (!this.owned.database) return;
    if (!this.names.database.startsWith(DATABASE_PREFIX)) throw new Error(`refusing to drop ${this.names.database}: not a sample world's database`);
    await withAdmin((admin) => admin.query(`drop database if exists "${this.names.database}" with (force)`));
  }
}

/** An instance's environment in a world: production mode, as operators run it, with the test credentials. */
function instanceEnv(names: Omit<WorldNames, 'url'>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BROWSER_LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl(names.database),
    ES_URL: process.env.ES_URL ?? 'http://127.0.0.1:9200',
    RABBITMQ_URL: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    ES_INDEX_PREFIX: names.esIndexPrefix,
    BROKER_PREFIX: names.brokerPrefix,
    RELAY_NAME: names.relayName,
    OPERATOR_API_KEYS: `test-operator:${TEST_OPERATOR_KEY}`,
    READER_API_KEYS: TEST_READER_KEY,
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    // Quicker than the defaults (1 s each), as in the other live tests: a change reaches the page sooner.
    RELAY_POLL_INTERVAL_MS: '200',
    SUMMARY_FLUSH_INTERVAL_MS: '200',
    // The page shows an import's progress, but these tests start none; the workers would only add queues.
    CUSTOMS_IMPORT_WORKERS: 'false',
    CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
    PROCESS_MANAGER_ENABLED: 'false',
  };
}
