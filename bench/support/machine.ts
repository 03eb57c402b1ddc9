import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** What the numbers were measured on; benchmarks are meaningless without it. */
export function describeMachine(databaseVersion: string): string[] {
  const cpu = cpus();
  const rabbit = tryRun("rabbitmqctl -q version") ?? 'unknown';
  const es = tryRun('curl -s -m 2 127.0.0.1:9200') ?? '';
  const esVersion = /"number"\s*:\s*"([^"]+)"/.exec(es)?.[1] ?? 'unknown';
  return [
    `CPU: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    `Memory: ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `OS: ${tryRun('uname -sr') ?? process.platform}`,
    `Node ${process.versions.node}; ${databaseVersion}; RabbitMQ ${rabbit}; Elasticsearch ${esVersion}`,
    'Everything (service, PostgreSQL, RabbitMQ, Elasticsearch, load generator) shares the same machine.',
  ];
}

function tryRun(command: string): string | null {
  try {
    return execSync(command, { stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
  } catch {
    return null;
  }
}
