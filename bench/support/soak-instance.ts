import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';

/** One instance's figures at a sampling instant. */
export interface InstanceSample {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  /** What V8 has committed for its heap: used, garbage not yet collected, and free pages it keeps. */
  readonly heapTotalMb: number;
  /** Memory of C++ objects bound to JavaScript ones (Buffers among them), from V8. */
  readonly externalMb: number;
  /** Event-loop delay p99 since the previous scrape (prom-client resets its histogram on each). */
  readonly loopP99Ms: number;
  /** Messages this instance's consumers settled so far, over all queues. */
  readonly processed: number;
  /** Messages ready in the shard and reference queues, as the broker reports them. */
  readonly queued: number;
}

/**
 * The service as production runs it, `node dist/main.js` in a child process of its own, on a free
 * port. Only this child is ever signalled, by its pid.
 */
export class SoakInstance {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
  ) {}

  /** Its output (JSON log lines) goes to `logFile`. */
  static async start(name: string, env: Record<string, string>, nodeOptions: readonly string[], logFile: string): Promise<SoakInstance> {
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeOptions, join(__dirname, '../../dist/main.js')], {
      env: { ...process.env, ...env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const log = createWriteStream(logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const instance = new SoakInstance(name, port, child, exited);
    await instance.ready();
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`instance ${this.name} has no pid`);
    return this.child.pid;
  }

  /** RSS from the kernel (/proc/<pid>/status), the rest from the instance's own /metrics. */
  async sample(): Promise<InstanceSample> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      throw new Error(`instance ${this.name} has exited (${this.child.exitCode ?? this.child.signalCode}); its log says why`);
    }
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
    const metrics = await this.metrics();
    return {
      rssMb: rssKb / 1024,
      heapUsedMb: (metrics.get('exportstats_nodejs_heap_size_used_bytes') ?? Number.NaN) / 2 ** 20,
      heapTotalMb: (metrics.get('exportstats_nodejs_heap_size_total_bytes') ?? Number.NaN) / 2 ** 20,
      externalMb: (metrics.get('exportstats_nodejs_external_memory_bytes') ?? Number.NaN) / 2 ** 20,
      loopP99Ms: (metrics.get('exportstats_nodejs_eventloop_lag_p99_seconds') ?? Number.NaN) * 1000,
      processed: metrics.get('exportstats_consumer_processed_total') ?? 0,
      queued: metrics.get('exportstats_queue_depth') ?? Number.NaN,
    };
  }

  /** Asks the instance to write a heap snapshot (it must run with --heapsnapshot-signal=SIGUSR2). */
  heapSnapshot(): void {
    this.child.kill('SIGUSR2');
  }

  /** SIGTERM, then SIGKILL if it has not exited within 20 s; this child only. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  private async metrics(): Promise<Map<string, number>> {
    const response = await request(`${this.url}/metrics`);
    const text = await response.body.text();
    const values = new Map<string, number>();
    for (const line of text.split('\n')) {
      // `name value` or `name{labels} value`; labelled samples are summed under their name.
      const match = /^([a-zA-Z0-9_:]+)(?:\{[^}]*\})? (\S+)$/.exec(line);
      if (match) values.set(match[1], (values.get(match[1]) ?? 0) + Number(match[2]));
    }
    return values;
  }

  private async ready(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`instance ${this.name} exited with ${this.child.exitCode} during start-up`);
      const status = await request(`${this.url}/health/ready`).then(
        async (response) => (await response.body.dump(), response.statusCode),
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await this.stop();
    throw new Error(`instance ${this.name} was not ready within 90 s`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
