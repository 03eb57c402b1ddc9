import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Stops and starts the RabbitMQ application on the local node (rabbitmqctl), for fault tests.
 * `startBroker` is idempotent and waits until the node accepts connections again.
 */
export async function stopBroker(): Promise<void> {
  await run('rabbitmqctl', ['-q', 'stop_app'], { timeout: 60_000 });
}

export async function startBroker(): Promise<void> {
  await run('rabbitmqctl', ['-q', 'start_app'], { timeout: 120_000 });
  await run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '120'], { timeout: 130_000 });
}
