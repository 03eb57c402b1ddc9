import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { cleanUp } from '../soak.bench';
import { BENCH_DATABASE_URL } from './bench-database';
import { benchStatistic } from './bench-keys';
import { SoakInstance } from './soak-instance';

const API_KEY = 'projection-key';
const BATCH = 1000;
const RECORD = 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { position } }';
const FRESH = 'query($position: String!) { dashboardSummary(year: 2000, consistency: { atLeastPosition: $position, timeoutMs: 10000 }) { fresh } }';

/**
 * Projection throughput under one setting: the service as deployed (`node dist/main.js`, relay and
 * consumers on, broker and index prefixes of its own), `statistics` new statistics recorded
 * through the batch mutation in batches of 1,000, timed from the first write until the read model
 * has passed the last one. A warm-up batch goes first and is not timed.
 */
export async function projectionThroughput(statistics: number, salt: number, env: Record<string, string>): Promise<{ elapsedMs: number }> {
  const prefix = `bench-projection-${randomBytes(3).toString('hex')}`;
  const logs = join(__dirname, '../../reports/projection');
  mkdirSync(logs, { recursive: true });
  const instance = await SoakInstance.start(
    prefix,
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: BENCH_DATABASE_URL,
      ES_INDEX_PREFIX: prefix,
      BROKER_PREFIX: prefix,
      RELAY_NAME: prefix,
      RELAY_ENABLED: 'true',
      CONSUMERS_ENABLED: 'true',
      CUSTOMS_IMPORT_WORKERS: 'false',
      CUSTOMS_IMPORT_SCHEDULE_ENABLED: 'false',
      OPERATOR_API_KEYS: `bench:${API_KEY}`,
      ...env,
    },
    [],
    join(logs, `${prefix}.log`),
  );
  try {
    await waitVisible(instance.url, await record(instance.url, 0, BATCH, salt));
    const started = performance.now();
    let position = '0';
    for (let done = 0; done < statistics; done += BATCH) position = await record(instance.url, BATCH + done, Math.min(BATCH, statistics - done), salt);
    await waitVisible(instance.url, position);
    return { elapsedMs: performance.now() - started };
  } finally {
    await instance.stop();
    await cleanUp(prefix);
  }
}

async function record(url: string, first: number, count: number, salt: number): Promise<string> {
  const items = Array.from({ length: count }, (_, i) => benchStatistic(first + i, salt));
  const { recordExportStatistics } = await graphql<{ recordExportStatistics: { position: string } }>(url, RECORD, { items });
  return recordExportStatistics.position;
}

async function waitVisible(url: string, position: string): Promise<void> {
  while (!(await graphql<{ dashboardSummary: { fresh: boolean } }>(url, FRESH, { position })).dashboardSummary.fresh);
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.body.json()) as { data?: T; errors?: unknown[] };
  if (response.statusCode !== 200 || body.errors || !body.data) throw new Error(`GraphQL answered ${response.statusCode}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}
