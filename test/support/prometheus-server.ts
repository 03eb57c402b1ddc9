import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, REPO_ROOT } from './app-process';

/** A scrape target: where the service listens, and the bearer token its /metrics asks for. */
export interface ScrapeTarget {
  readonly address: string;
  readonly token: string;
}

/**
 * A real Prometheus (Debian's package, scripts/prometheus.sh ensure) on a port and data folder of
 * its own, scraping one service every second with the repository's alert rules loaded. Stopped by
 * its pid; its folder is removed.
 */
export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly folder: string,
  ) {}

  static async start(target: ScrapeTarget): Promise<PrometheusServer> {
    const folder = await mkdtemp(join(tmpdir(), 'exportstats-prometheus-'));
    await writeFile(
      join(folder, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${join(REPO_ROOT, 'prometheus/alerts.yml')}']`,
        'scrape_configs:',
        '  - job_name: export-statistics',
        '    authorization: { credentials_file: token }',
        `    static_configs: [{ targets: ['${target.address}'] }]`,
        '',
      ].join('\n'),
    );
    await writeFile(join(folder, 'token'), target.token, { mode: 0o600 });
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [`--config.file=${join(folder, 'prometheus.yml')}`, `--storage.tsdb.path=${join(folder, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, folder);
    for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
      if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}); is it installed (bash scripts/prometheus.sh ensure)?\n${output}`);
      if (await fetch(`${server.url}/-/ready`).then((response) => response.ok, () => false)) return server;
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`prometheus was not ready within 30 s:\n${output}`);
      }
    }
  }

  /** An instant query through Prometheus' HTTP API. */
  async query(expression: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (body.status !== 'success') throw new Error(`query ${expression} failed: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await fetch(`${this.url}${path}`)).json()) as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await once(this.child, 'exit');
    }
    await rm(this.folder, { recursive: true, force: true });
  }
}
