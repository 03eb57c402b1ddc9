import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO_ROOT, runToExit } from './app-process';

/** Runs one of the project's scripts with extra environment; throws with its output when it fails. */
async function script(name: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<void> {
  await runToExit('bash', [join(REPO_ROOT, 'scripts', name), ...args], { ...process.env, ...env }, timeoutMs, `scripts/${name} ${args.join(' ')}`);
}

/**
 * A node a test owns: started, stopped and started again through the project's script (which
 * stops by the pid it started, checked against the node's data directory), on a free port, with
 * its own data directory under .data/, removed at the end.
 */
export interface PrivateNode {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the node and removes its data. */
  remove(): Promise<void>;
}

/** An Elasticsearch node of the test's own (scripts/elasticsearch.sh with ES_PORT and ES_DATA_DIR), never the shared one. */
export async function privateElasticsearch(): Promise<PrivateNode> {
  const port = await freePort();
  const dataDir = join(REPO_ROOT, '.data', `faults-elasticsearch-${port}`);
  const env = { ES_PORT: String(port), ES_DATA_DIR: dataDir, ES_HEAP: '384m', ES_URL: '', ES_START_TIMEOUT: '240' };
  return node(`http://127.0.0.1:${port}`, dataDir, (command) => script('elasticsearch.sh', [command], env, 300_000));
}

/** A RabbitMQ node of the test's own (scripts/rabbitmq-node.sh), never the shared one. */
export async function privateRabbitMq(): Promise<PrivateNode & { readonly nodeName: string; readonly home: string }> {
  const port = await freePort();
  const dataDir = join(REPO_ROOT, '.data', `faults-rabbitmq-${port}`);
  const env = { RABBITMQ_NODE_PORT: String(port), RABBITMQ_DIST_PORT: String(await freePort()), RABBITMQ_DATA_DIR: dataDir, RABBITMQ_START_TIMEOUT: '240' };
  const base = node(`amqp://guest:guest@127.0.0.1:${port}`, dataDir, (command) => script('rabbitmq-node.sh', [command], env, 300_000));
  return { ...base, nodeName: `exportstats-${port}@${hostname().split('.')[0]}`, home: join(dataDir, 'home') };
}

function node(url: string, dataDir: string, run: (command: 'start' | 'stop') => Promise<void>): PrivateNode {
  return {
    url,
    start: () => run('start'),
    stop: () => run('stop'),
    async remove() {
      await run('stop');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
