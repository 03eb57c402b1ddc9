import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = join(__dirname, '../..');
const MAIN = join(REPO_ROOT, 'dist/main.js');
const CLI = join(REPO_ROOT, 'dist/cli/main.js');
/** Lines of a child's output kept for the failure message. */
const KEPT_LINES = 80;

/** A TCP port nothing listens on right now (the kernel's choice), for a child to bind. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

/**
 * The built service (`node dist/main.js`) as a child process of the test, on a port of its own.
 * Faults are dealt to this process only, by its pid: SIGKILL, SIGSTOP/SIGCONT, SIGTERM. `restart`
 * starts a new process with the same environment (same port, same names).
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly output: string[] = [];

  private constructor(
    readonly name: string,
    readonly env: Readonly<Record<string, string>>,
    readonly port: number,
  ) {}

  /** Starts the service with this environment (on top of PATH and HOME only) and waits until /health/ready answers 200. */
  static async start(name: string, env: Record<string, string>, readyTimeoutMs = 90_000): Promise<AppProcess> {
    const port = env.HTTP_PORT ? Number(env.HTTP_PORT) : await freePort();
    const app = new AppProcess(name, { ...env, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) }, port);
    await app.launch(readyTimeoutMs);
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running child's pid (throws when none runs). */
  get pid(): number {
    if (!this.child?.pid || this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the child wrote, for a failure message. */
  recentOutput(): string {
    return this.output.join('\n');
  }

  /** Sends a signal to this child only, by pid. */
  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a graceful shutdown), then SIGKILL if it has not exited within the time. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT'); // a frozen child cannot shut down
    this.signal('SIGTERM');
    // Unreferenced: once the child has exited, the grace period's timer must not keep the test process alive.
    const gone = await Promise.race([this.exited.then(() => true), sleep(graceMs, false, { ref: false })]);
    if (!gone) await this.kill();
  }

  /** A new process with the same environment and port, once the old one has exited. */
  async restart(readyTimeoutMs = 90_000): Promise<void> {
    await this.exited;
    await this.launch(readyTimeoutMs);
  }

  private async launch(readyTimeoutMs: number): Promise<void> {
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = once(child, 'exit').then(() => undefined);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.output.push(line.slice(0, 500));
      this.output.splice(0, Math.max(0, this.output.length - KEPT_LINES));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await this.waitReady(readyTimeoutMs);
  }

  /** Waits until /health/ready answers 200; fails at once if the child exits. */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start-up:\n${this.recentOutput()}`);
      if (await this.ready()) return;
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.recentOutput()}`);
  }

  private async ready(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }
}

/** Runs an operator command of the built CLI (`node dist/cli/main.js <args>`) with this environment; throws with its output if it fails. */
export function runCli(env: Record<string, string>, args: string[], timeoutMs = 300_000): Promise<string> {
  return runToExit(process.execPath, [CLI, ...args], { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeoutMs, `cli ${args.join(' ')}`);
}

/** Runs a command in the repository to its exit (killed after `timeoutMs`); its output, or an error naming `label` with the output's tail. */
export async function runToExit(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, label: string): Promise<string> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`);
  return output;
}
