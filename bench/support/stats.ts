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

/** CPU time a process has spent so far (user + system), in milliseconds; null once it is gone. */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Field 3 (state) is fields[0], so utime (14) and stime (15) are fields[11] and fields[12].
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_SECOND);
}

/**
 * CPU time spent by groups of processes over a measured stretch, sampled while it runs: a process
 * seen at the first sample counts from there, one that appears later counts whole (it started
 * within the stretch), and one that ends counts up to its last sample (a short-lived process can
 * be missed between samples, so sample often).
 */
export class CpuLedger {
  private readonly processes = new Map<string, Map<number, { first: number; last: number }>>();
  private started = false;

  sample(group: string, pids: readonly number[]): void {
    let seen = this.processes.get(group);
    if (!seen) this.processes.set(group, (seen = new Map()));
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === null) continue;
      const known = seen.get(pid);
      if (known) known.last = ms;
      else seen.set(pid, { first: this.started ? 0 : ms, last: ms });
    }
  }

  /** Call once every group had its first sample: later newcomers count from zero. */
  markStarted(): void {
    this.started = true;
  }

  /** Milliseconds of CPU spent by the group's processes since the first sample. */
  spentMs(group: string): number {
    return [...(this.processes.get(group)?.values() ?? [])].reduce((sum, { first, last }) => sum + last - first, 0);
  }
}
