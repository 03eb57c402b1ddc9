import { getPostgreSQLEventStore, PostgreSQLEventStoreDefaultStreamVersion, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { types } from 'pg';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';
import { BENCH_DATABASE_URL, recreateDatabase } from './bench-database';
import { benchStatistic } from './bench-keys';
import { runConcurrently } from './stats';
import { countWrites, footprintPerStatistic, type WriteCounts, type WriteFootprint } from './write-footprint';

export interface PeerWrites {
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

/** int8, json, jsonb: the result types whose parsers Emmett's driver layer replaces. */
const PARSED_TYPES = [20, 114, 3802];

// Same as the service's bench commands, and what our Recorded event stores in its metadata.
const METADATA = { correlationId: 'bench', causationId: null, actor: 'bench' };

/**
 * Our workloads through Emmett's PostgreSQL event store: each statistic is a new stream of one
 * ExportStatisticRecorded event with our event's data and metadata. The bench runs it after both
 * of our workloads, so that its writes (and the checkpoints they cause) stay out of ours. Schema
 * creation happens before any clock starts, as our migrations and app start do; neither side gets
 * any other warm-up.
 */
export class EmmettPeer {
  private next = 0;
  private single: PeerWrites['single'] | undefined;
  private batchElapsedMs = Number.NaN;

  private constructor(
    private readonly store: PostgresEventStore,
    private readonly before: WriteCounts,
    private readonly ourParsers: ReadonlyMap<number, unknown>,
  ) {}

  /**
   * Emmett's driver layer sets pg's process-wide result parsers (bigint to BigInt, JSON its own
   * way) when it opens its pool. Our write path shares that pg module and runs in this process
   * between Emmett's workloads, so it gets its parsers back: it must run as it does alone. Emmett's
   * append needs none of them (it converts positions with BigInt() itself).
   */
  static async start(): Promise<EmmettPeer> {
    await recreateDatabase(EMMETT_DATABASE_URL);
    const ourParsers = new Map(PARSED_TYPES.map((oid) => [oid, types.getTypeParser(oid, 'text')]));
    const store = getPostgreSQLEventStore(EMMETT_DATABASE_URL);
    await store.schema.migrate();
    for (const [oid, parser] of ourParsers) types.setTypeParser(oid, parser);
    return new EmmettPeer(store, await countWrites(EMMETT_DATABASE_URL), ourParsers);
  }

  async runSingle(count: number, writers: number): Promise<void> {
    const first = this.take(count);
    this.single = await runConcurrently(count, writers, (i) => append(this.store, benchStatistic(first + i, 1)));
    this.checkOurParsers();
  }

  /** Emmett appends one stream per call and per transaction (no multi-stream append): a batch is `size` appends, `writers` in flight. */
  async runBatches(total: number, size: number, writers: number): Promise<void> {
    const first = this.take(total);
    const started = performance.now();
    for (let done = 0; done < total; done += size) {
      await runConcurrently(Math.min(size, total - done), writers, (i) => append(this.store, benchStatistic(first + done + i, 1)));
    }
    this.batchElapsedMs = performance.now() - started;
    this.checkOurParsers();
  }

  async finish(): Promise<PeerWrites> {
    try {
      if (this.single === undefined) throw new Error('the Emmett peer finished before its single-append workload ran');
      const footprint = footprintPerStatistic(this.before, await countWrites(EMMETT_DATABASE_URL), this.next);
      return { version: emmettVersion(), single: this.single, batchElapsedMs: this.batchElapsedMs, footprint };
    } finally {
      await this.store.close();
    }
  }

  private checkOurParsers(): void {
    for (const [oid, parser] of this.ourParsers) {
      if (types.getTypeParser(oid, 'text') !== parser) throw new Error(`Emmett replaced pg's parser of type ${oid} while our write path shares it`);
    }
  }

  private take(count: number): number {
    this.next += count;
    return this.next - count;
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
