import { Client as ElasticsearchClient } from '@elastic/elasticsearch';
import { connect as connectAmqp } from 'amqplib';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '../../config/app-config';
import { ComponentHealth, FIX_HINTS, probe } from './component-health';

/**
 * Checks the three components with fresh connections before the application is built, so a
 * missing service fails start-up within seconds with a message that names it and the fix,
 * instead of a retry loop deep inside a driver.
 */
async function preflight(config: AppConfig): Promise<ComponentHealth[]> {
  const timeout = config.STARTUP_TIMEOUT_MS;
  return Promise.all([
    probe('postgresql', timeout, () => checkPostgres(config.DATABASE_URL, timeout)),
    probe('rabbitmq', timeout, () => checkRabbit(config.RABBITMQ_URL, timeout)),
    probe('elasticsearch', timeout, () => checkElasticsearch(config.ES_URL, timeout)),
  ]);
}

export class StartupError extends Error {
  constructor(readonly failures: ComponentHealth[]) {
    super(
      failures
        .map((failure) => `${failure.name} is unavailable (${failure.error}): ${FIX_HINTS[failure.name]}`)
        .join('\n'),
    );
    this.name = 'StartupError';
  }
}

export async function assertComponentsUp(config: AppConfig): Promise<void> {
  const failures = (await preflight(config)).filter((component) => component.status === 'DOWN');
  if (failures.length > 0) throw new StartupError(failures);
}

async function checkPostgres(url: string, timeoutMs: number): Promise<void> {
  const client = new PgClient({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRabbit(url: string, timeoutMs: number): Promise<void> {
  const connection = await connectAmqp(url, { timeout: timeoutMs });
  try {
    // Declaring a throw-away x-consistent-hash exchange proves the plugin is enabled, which the
    // broker topology depends on; the broker refuses unknown exchange types.
    const channel = await connection.createChannel();
    const probeExchange = `preflight.${process.pid}.${Date.now()}`;
    await channel.assertExchange(probeExchange, 'x-consistent-hash', { durable: false, autoDelete: true });
    await channel.deleteExchange(probeExchange);
    await channel.close();
  } catch (error) {
    if (String(error).includes('x-consistent-hash')) {
      throw new Error('the rabbitmq_consistent_hash_exchange plugin is not enabled');
    }
    throw error;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function checkElasticsearch(url: string, timeoutMs: number): Promise<void> {
  const client = new ElasticsearchClient({ node: url, requestTimeout: timeoutMs, maxRetries: 0 });
  try {
    const health = await client.cluster.health();
    if (health.status === 'red') throw new Error('cluster health is red');
  } finally {
    await client.close();
  }
}
