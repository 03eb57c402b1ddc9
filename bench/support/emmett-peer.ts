import { getPostgreSQLEventStore, PostgreSQLEventStoreDefaultStreamVersion, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';
import { BENCH_DATABASE_URL, recreateDatabase } from './bench-database';
import { benchStatistic } from './bench-keys';
import { runConcurrently } from './stats';
import { countWrites, footprintPerStatistic, type WriteFootprint } from './write-footprint';

/** The workloads our write path just ran, so that the peer runs the same ones. */
export interface PeerWorkloads {
  readonly commands: number;
  readonly writers: number;
  readonly batchTotal: number;
  readonly batchSize: number;
}

export interface PeerResult {
  readonly version: string;
  readonly single: { latencies: number[]; elapsedMs: number };
  readonly batchElapsedMs: number;
  readonly footprint: WriteFootprint;
}

/**
 * Emmett's database: its own (Emmett creates emt_streams, emt_messages, ... and would mix them with
 * our tables), on the same server, named after ours so that benches on other databases never meet.
 */
export const EMMETT_DATABASE_URL = (() => {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `${url.pathname}_emmett`;
  return url.toString();
})();

// Same as the service's bench commands, and what our Recorded event stores in its metadata.
const METADATA = { correlationId: 'bench', causationId: null, actor: 'bench' };

/**
 * Runs our workloads through Emmett's PostgreSQL event store: each statistic is a new stream of one
 * ExportStatisticRecorded event with our event's data and metadata. Schema creation happens before
 * the clock starts, as our migrations and app start do; neither side gets any other warm-up.
 * Emmett appends to one stream per call and per transaction and has no multi-stream append, so
 * its batch is `batchSize` appends, `writers` in flight, awaited before the next batch starts.
 */
export async function runEmmettPeer(workloads: PeerWorkloads): Promise<PeerResult> {
  await recreateDatabase(EMMETT_DATABASE_URL);
  const store = getPostgreSQLEventStore(EMMETT_DATABASE_URL);
  try {
    await store.schema.migrate();
    const before = await countWrites(EMMETT_DATABASE_URL);
    const single = await runConcurrently(workloads.commands, workloads.writers, (i) => append(store, benchStatistic(i, 1)));

    const first = workloads.commands;
    const batchStarted = performance.now();
    for (let done = 0; done < workloads.batchTotal; done += workloads.batchSize) {
      const size = Math.min(workloads.batchSize, workloads.batchTotal - done);
      await runConcurrently(size, workloads.writers, (i) => append(store, benchStatistic(first + done + i, 1)));
    }
    const batchElapsedMs = performance.now() - batchStarted;

    const after = await countWrites(EMMETT_DATABASE_URL);
    const footprint = footprintPerStatistic(before, after, workloads.commands + workloads.batchTotal);
    return { version: emmettVersion(), single, batchElapsedMs, footprint };
  } finally {
    await store.close();
  }
}

/** A new stream: expected version 0 is Emmett's "does not exist yet", checked by its insert. */
async function append(store: PostgresEventStore, statistic: StatisticInput): Promise<void> {
  const { countryCode, hsCode, period, valueUsd, weightKg } = statistic;
  await store.appendToStream(
    `statistic-${countryCode}-${hsCode}-${period}`,
    [
      {
        type: 'ExportStatisticRecorded',
        // Canonical decimals, as our event stores them (valueUsd 1234.00, weightKg 12.000).
        data: { countryCode, hsCode, period, valueUsd: `${valueUsd}.00`, weightKg: `${weightKg}.000` },
        metadata: METADATA,
      },
    ],
    { expectedStreamVersion: PostgreSQLEventStoreDefaultStreamVersion },
  );
}

/** The package does not export its package.json; read it beside its entry point. */
function emmettVersion(): string {
  const entry = require.resolve('@event-driven-io/emmett-postgresql');
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(entry), '../package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
