import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchSection } from './bench-section';
import { envInt, ms, percentile, perSecond } from './support/stats';
import { graphqlMutations } from './write-side.bench';

const run = promisify(execFile);

const SETTINGS = [
  { label: 'tracing off', env: { TRACING_ENABLED: 'false' } },
  { label: 'tracing on, 10 % sampled', env: { TRACING_ENABLED: 'true', TRACING_SAMPLING_RATIO: '0.1' } },
  { label: 'tracing on, 100 % sampled', env: { TRACING_ENABLED: 'true', TRACING_SAMPLING_RATIO: '1' } },
] as const;

/**
 * GraphQL mutation throughput with tracing off, on at 10 % and on at 100 %, side by side: the same
 * load as the write section's, against the built service in its own process, exporting to a real
 * Zipkin (scripts/zipkin.sh on a port of its own). The settings take turns, `BENCH_TRACING_ROUNDS`
 * times, so a drift of the machine spreads over all three instead of landing on one.
 */
export async function runTracingBench(): Promise<BenchSection> {
  const mutations = envInt('BENCH_TRACING_MUTATIONS', 10_000);
  const rounds = envInt('BENCH_TRACING_ROUNDS', 2);
  const port = String(envInt('BENCH_ZIPKIN_PORT', 9511));
  const zipkinEnv = { ...process.env, ZIPKIN_PORT: port, ZIPKIN_DATA_DIR: join(__dirname, '../.data/zipkin-bench') };
  const script = join(__dirname, '../scripts/zipkin.sh');
  await run('bash', [script, 'start'], { env: zipkinEnv, timeout: 180_000 });
  const results = SETTINGS.map(() => ({ latencies: [] as number[], elapsedMs: 0, count: 0 }));
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
      }
    }
  } finally {
    await run('bash', [script, 'stop'], { env: zipkinEnv, timeout: 60_000 });
  }
  const offRate = results[0].count / results[0].elapsedMs;
  return {
    title: 'Tracing overhead',
    rows: SETTINGS.map((setting, i) => {
      const { latencies, elapsedMs, count } = results[i];
      const change = i === 0 ? '' : `, ${(((count / elapsedMs) / offRate - 1) * 100).toFixed(1)} % against off`;
      return {
        metric: `GraphQL mutations, 16 clients, ${setting.label}`,
        value: `${perSecond(count, elapsedMs)}, p50 / p99 ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}${change}`,
        target: i === 1 ? 'within 5 % of off' : undefined,
      };
    }),
    notes: [
      `${mutations.toLocaleString('en-US')} mutations per setting and round (the first 500 of each a warm-up), ${rounds} rounds taking turns; relay and consumers off, as in the write section, so this is the request path: the operation, command and write spans and their export to Zipkin.`,
      'Projection throughput with tracing on is not measured here yet: the consumer makes one span per batch (none per message) and one per bulk request.',
    ],
  };
}
