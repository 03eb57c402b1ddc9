import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchSection } from './bench-section';
import { projectionThroughput } from './support/projection-load';
import { envInt, ms, percentile, perSecond } from './support/stats';
import { graphqlMutations } from './write-side.bench';

const run = promisify(execFile);

const SETTINGS = [
  { label: 'tracing off', env: { TRACING_ENABLED: 'false' } },
  { label: 'tracing on, 10 % sampled', env: { TRACING_ENABLED: 'true', TRACING_SAMPLING_RATIO: '0.1' } },
  { label: 'tracing on, 100 % sampled', env: { TRACING_ENABLED: 'true', TRACING_SAMPLING_RATIO: '1' } },
] as const;

/**
 * GraphQL mutation throughput and projection throughput with tracing off, on at 10 % and on at
 * 100 %, side by side: the mutations as in the write section's load, the projection as deployed
 * (relay and consumers on, `BENCH_TRACING_STATISTICS` statistics through the batch mutation until
 * visible), each against the built service in its own process, exporting to a real Zipkin
 * (scripts/zipkin.sh on a port of its own). The settings take turns, `BENCH_TRACING_ROUNDS` times,
 * so a drift of the machine spreads over all three instead of landing on one.
 */
export async function runTracingBench(): Promise<BenchSection> {
  const mutations = envInt('BENCH_TRACING_MUTATIONS', 10_000);
  const rounds = envInt('BENCH_TRACING_ROUNDS', 2);
  const statistics = envInt('BENCH_TRACING_STATISTICS', 20_000);
  const port = String(envInt('BENCH_ZIPKIN_PORT', 9511));
  const zipkinEnv = { ...process.env, ZIPKIN_PORT: port, ZIPKIN_DATA_DIR: join(__dirname, '../.data/zipkin-bench') };
  const script = join(__dirname, '../scripts/zipkin.sh');
  await run('bash', [script, 'start'], { env: zipkinEnv, timeout: 180_000 });
  const results = SETTINGS.map(() => ({ latencies: [] as number[], elapsedMs: 0, count: 0, projectionMs: 0, projected: 0 }));
  // Salted offsets far from the write section's keys: every mutation records a new statistic.
  let first = 50_000_000;
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const [i, setting] of SETTINGS.entries()) {
        const env = { ...setting.env, TRACING_ZIPKIN_URL: `http://127.0.0.1:${port}/api/v2/spans` };
        const result = await graphqlMutations(mutations, first, env);
        first += mutations;
        results[i].latencies.push(...result.latencies);
        results[i].elapsedMs += result.elapsedMs;
        results[i].count += result.latencies.length;
        const projection = await projectionThroughput(statistics, 1000 + round * SETTINGS.length + i, env);
        results[i].projectionMs += projection.elapsedMs;
        results[i].projected += statistics;
      }
    }
  } finally {
    await run('bash', [script, 'stop'], { env: zipkinEnv, timeout: 60_000 });
  }
  const offRate = results[0].count / results[0].elapsedMs;
  const offProjection = results[0].projected / results[0].projectionMs;
  const against = (rate: number, off: number, i: number) => (i === 0 ? '' : `, ${((rate / off - 1) * 100).toFixed(1)} % against off`);
  return {
    title: 'Tracing overhead',
    rows: [
      ...SETTINGS.map((setting, i) => {
        const { latencies, elapsedMs, count } = results[i];
        return {
          metric: `GraphQL mutations, 16 clients, ${setting.label}`,
          value: `${perSecond(count, elapsedMs)}, p50 / p99 ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}${against(count / elapsedMs, offRate, i)}`,
          target: i === 1 ? 'within 5 % of off' : undefined,
        };
      }),
      ...SETTINGS.map((setting, i) => {
        const { projectionMs, projected } = results[i];
        return {
          metric: `Projection, written to visible, ${setting.label}`,
          value: `${perSecond(projected, projectionMs)}${against(projected / projectionMs, offProjection, i)}`,
          target: i === 1 ? 'within 5 % of off' : undefined,
        };
      }),
    ],
    notes: [
      `${mutations.toLocaleString('en-US')} mutations per setting and round (the first 500 of each a warm-up), ${rounds} rounds taking turns; relay and consumers off, as in the write section, so this is the request path: the operation, command and write spans and their export to Zipkin.`,
      `Projection: ${statistics.toLocaleString('en-US')} new statistics per setting and round through recordExportStatistics in batches of 1,000 (each batch one request, so 10 % sampling traces about a tenth of the batches and their events), into the service as deployed (relay and consumers on, one instance), from the first write until dashboardSummary is fresh at the last position; a warm-up batch first. Spans on that path: the operation, command and batch write per request, one relay span per published batch and one consumer span per batch linked to its traced events, one per bulk request; none per message.`,
      'Reading the mutation rows: on this two-core machine the spread between rounds of one setting is about ±10 % (a 100 % sampled run has measured faster than tracing off), larger than the cost being measured; a difference under that spread is not resolved by two rounds (BENCH_TRACING_ROUNDS raises them). The projection rows, longer runs, resolve it better.',
    ],
  };
}
