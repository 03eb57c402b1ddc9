import { CommandBus } from '@nestjs/cqrs';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { RecordExportStatisticCommand } from '../src/modules/statistics/commands/record-export-statistic/record-export-statistic.command';
import { RecordExportStatisticsBatchCommand } from '../src/modules/statistics/commands/record-export-statistics-batch/record-export-statistics-batch.command';
import type { BenchSection } from './bench-section';
import { BENCH_DATABASE_URL } from './support/bench-database';
import { benchStatistic } from './support/bench-keys';
import { emmettComparison } from './support/emmett-comparison';
import { EmmettPeer } from './support/emmett-peer';
import { cpuTime, envInt, ms, percentile, perSecond, runConcurrently } from './support/stats';
import { postgresWriteFloor } from './support/write-floor';
import { countWrites, footprintPerStatistic } from './support/write-footprint';

const METADATA = { correlationId: 'bench', causationId: null, actor: 'bench' };
/** Delivery and projections stay off: this measures the write path alone. */
const WRITE_ONLY = { DATABASE_URL: BENCH_DATABASE_URL, LOG_LEVEL: 'warn', RELAY_ENABLED: 'false', CONSUMERS_ENABLED: 'false' };

export async function runWriteSideBench(): Promise<BenchSection> {
  const commandsTotal = envInt('BENCH_COMMANDS', 30_000);
  const mutationsTotal = envInt('BENCH_MUTATIONS', 30_000);
  const batchTotal = envInt('BENCH_BATCH_STATISTICS', 200_000);

  const config = loadConfig({ ...process.env, ...WRITE_ONLY, HTTP_PORT: '0' });
  const app = await createApp(config);
  await app.init();
  const commands = app.get(CommandBus);
  let offset = 0;
  const take = (count: number) => ((offset += count), offset - count);

  // The peer runs after both of our workloads: its writes (and the checkpoints and vacuums they
  // cause) must not land inside our batch measurement. BENCH_PEER=off leaves it out, for comparing
  // revisions of our own write path (bench/compare-write-path.sh).
  const withPeer = process.env.BENCH_PEER !== 'off';
  const countsBefore = await countWrites(BENCH_DATABASE_URL);
  const first = take(commandsTotal);
  const single = await runConcurrently(commandsTotal, 8, (i) =>
    commands.execute(new RecordExportStatisticCommand(benchStatistic(first + i, 1), METADATA)).then(() => undefined),
  );

  const batchStart = take(batchTotal);
  const batchSize = 10_000;
  const cpuBefore = cpuTime();
  const batchStarted = performance.now();
  for (let done = 0; done < batchTotal; done += batchSize) {
    const items = Array.from({ length: Math.min(batchSize, batchTotal - done) }, (_, i) => benchStatistic(batchStart + done + i, 1));
    await commands.execute(new RecordExportStatisticsBatchCommand(items, METADATA));
  }
  const batchElapsed = performance.now() - batchStarted;
  const cpu = cpuSplit(cpuBefore, cpuTime(), batchTotal);
  const footprint = footprintPerStatistic(countsBefore, await countWrites(BENCH_DATABASE_URL), commandsTotal + batchTotal);
  const peer = withPeer ? await EmmettPeer.start() : null;
  await peer?.runSingle(commandsTotal, 8);
  await peer?.runBatches(batchTotal, batchSize, 8);
  const chunkSize = config.BATCH_CHUNK_SIZE;
  await app.close();
  const floor = await postgresWriteFloor(batchTotal, chunkSize);
  const floorMicros = (floor.elapsedMs * 1000) / batchTotal;
  const versusPeer = peer
    ? emmettComparison({ commands: commandsTotal, writers: 8, batchTotal, batchSize }, { single, batchElapsedMs: batchElapsed, footprint }, await peer.finish())
    : { rows: [], notes: ['The peer (Emmett) was left out of this run (BENCH_PEER=off).'] };

  const http = await graphqlMutations(mutationsTotal, take(mutationsTotal));

  return {
    title: 'Write side',
    rows: [
      { metric: 'GraphQL mutations, 16 concurrent clients (HTTP, separate process)', value: perSecond(mutationsTotal, http.elapsedMs), target: '≥ 1,500/s' },
      { metric: 'GraphQL mutation latency p50 / p99', value: `${ms(percentile(http.latencies, 50))} / ${ms(percentile(http.latencies, 99))}`, target: 'p99 < 50 ms' },
      { metric: 'Single-statistic commands, 8 concurrent callers, no HTTP', value: perSecond(commandsTotal, single.elapsedMs), target: '≥ 6,000/s' },
      { metric: 'Command latency p50 / p99', value: `${ms(percentile(single.latencies, 50))} / ${ms(percentile(single.latencies, 99))}` },
      { metric: `Batch path, ${batchTotal.toLocaleString('en-US')} statistics in batches of ${batchSize.toLocaleString('en-US')} (rows + events)`, value: perSecond(batchTotal, batchElapsed), target: '≥ 80,000/s' },
      { metric: 'Batch path, CPU per statistic: this process (parse, decide, encode) / the rest of the machine (PostgreSQL)', value: `${cpu.processMicros.toFixed(1)} µs / ${cpu.restMicros.toFixed(1)} µs` },
      { metric: `PostgreSQL alone: the same rows generated in the server, one INSERT … SELECT per ${chunkSize} statistics, one backend`, value: `${perSecond(batchTotal, floor.elapsedMs)} (${floorMicros.toFixed(1)} µs per statistic)` },
      { metric: 'Ceiling on this machine at the measured CPU per statistic (all cores busy, perfect overlap)', value: perSecond(availableParallelism(), (cpu.processMicros + cpu.restMicros) / 1000) },
      ...versusPeer.rows,
    ],
    notes: [
      `Each single command writes one aggregate row and one event in one statement; the batch path writes rows and events in chunks of ${chunkSize}, one statement (and so one transaction) each, two chunks in flight.`,
      'CPU per statistic comes from process.cpuUsage() and /proc/stat over the batch run; "the rest" is the machine\'s busy time minus this process, which on an otherwise idle machine is PostgreSQL.',
      'PostgreSQL alone writes what the batch path writes for a new statistic (snapshot row with its checks, Recorded event with jsonb data and metadata, five index entries) without any client: no domain, no parameters, no protocol. It bounds what one backend can take; the batch path also needs the client\'s CPU on the same cores.',
      'Relay and consumers are disabled during this section so that it measures the write path alone.',
      ...versusPeer.notes,
    ],
  };
}

function cpuSplit(before: ReturnType<typeof cpuTime>, after: ReturnType<typeof cpuTime>, statistics: number) {
  const processMs = after.processMs - before.processMs;
  const restMs = Math.max(0, after.machineMs - before.machineMs - processMs);
  return { processMicros: (processMs * 1000) / statistics, restMicros: (restMs * 1000) / statistics };
}

/**
 * The service in its own process, as in production; the load generator here keeps 16 requests in
 * flight. `env` adds to the service's settings (the tracing section turns tracing on with it).
 */
export async function graphqlMutations(total: number, first: number, env: Record<string, string> = {}): Promise<{ latencies: number[]; elapsedMs: number }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, [join(__dirname, '../dist/main.js')], {
    env: { ...process.env, ...WRITE_ONLY, HTTP_PORT: String(port), OPERATOR_API_KEYS: 'bench:bench-key', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await listening(server);
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 16, pipelining: 1 });
    const query = 'mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { version position } }';
    const send = async (i: number) => {
      const { statusCode, body } = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'bench-key' },
        body: JSON.stringify({ query, variables: { input: benchStatistic(first + i, 1) } }),
      });
      const text = await body.text();
      if (statusCode !== 200 || text.includes('"errors"')) throw new Error(`mutation failed: ${statusCode} ${text}`);
    };
    await runConcurrently(500, 16, send); // warm-up: JIT, connection pools, prepared statements
    const result = await runConcurrently(total - 500, 16, (i) => send(500 + i));
    await pool.close();
    return result;
  } finally {
    server.kill('SIGTERM');
  }
}

function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not start within 60 s')), 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
}
