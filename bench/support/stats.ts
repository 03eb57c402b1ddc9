import { readFileSync } from 'node:fs';

/** Percentile by nearest rank over a sorted copy; latencies are in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

function rate(count: number, elapsedMs: number): number {
  return Math.round((count * 1000) / elapsedMs);
}

export function perSecond(count: number, elapsedMs: number): string {
  return `${rate(count, elapsedMs).toLocaleString('en-US')}/s`;
}

/** Runs `worker` on `concurrency` lanes until `total` jobs are done; returns per-job latencies. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  worker: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        await worker(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/**
 * CPU time spent so far, in milliseconds: by this process, and by the whole machine (all cores,
 * from /proc/stat, so PostgreSQL and Elasticsearch are in it). Differences of two readings say
 * where a measured stretch spent its CPU.
 */
export function cpuTime(): { processMs: number; machineMs: number } {
  const { user, system } = process.cpuUsage();
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  const busyTicks = fields.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
  return { processMs: (user + system) / 1000, machineMs: busyTicks * (1000 / CLOCK_TICKS_PER_SECOND) };
}

/** USER_HZ, the unit of /proc/stat: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
