import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Which node rabbitmqctl talks to: the shared local one by default, or a test's private node (its name and cookie home). */
export interface RabbitNodeAddress {
  readonly nodeName: string;
  readonly home: string;
}

async function rabbitmqctl(args: string[], node?: RabbitNodeAddress): Promise<string> {
  const env = node ? { ...process.env, HOME: node.home } : process.env;
  const command = node ? '/usr/lib/rabbitmq/bin/rabbitmqctl' : 'rabbitmqctl';
  const { stdout } = await run(command, [...(node ? ['-n', node.nodeName] : []), '-q', ...args], { env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

type Table = [string, string, unknown][];

export interface BrokerConnection {
  /** The broker's process id of the connection, e.g. <rabbit@host.1234.0>. */
  readonly pid: string;
  /** The connection_name client property the service sets (see amqpConnectionName). */
  readonly name: string;
}

/** The connections whose client-given name contains `fragment` (read only: lists, closes nothing). */
export async function connectionsNamed(fragment: string, node?: RabbitNodeAddress): Promise<BrokerConnection[]> {
  const rows = JSON.parse((await rabbitmqctl(['list_connections', 'pid', 'client_properties', '--formatter', 'json'], node)) || '[]') as {
    pid: string;
    client_properties: Table;
  }[];
  return rows
    .map((row) => ({ pid: row.pid.replace(/^#PID/, ''), name: String(row.client_properties.find(([key]) => key === 'connection_name')?.[2] ?? '') }))
    .filter((connection) => connection.name.includes(fragment));
}

/**
 * Has the broker close these connections, and only these: the caller passes the connections it
 * identified as its own (by the name its child process gave them).
 */
export async function closeConnections(connections: readonly BrokerConnection[], reason: string, node?: RabbitNodeAddress): Promise<void> {
  for (const connection of connections) await rabbitmqctl(['close_connection', connection.pid, reason], node);
}

/** For each queue whose name starts with `prefix`, the connection name of its active consumer (single active consumer). */
export async function activeConsumers(prefix: string, node?: RabbitNodeAddress): Promise<Map<string, string>> {
  const consumers = JSON.parse((await rabbitmqctl(['list_consumers', 'queue_name', 'channel_pid', 'active', '--formatter', 'json'], node)) || '[]') as {
    queue_name: string;
    channel_pid: string;
    active: boolean;
  }[];
  const channels = JSON.parse((await rabbitmqctl(['list_channels', 'pid', 'connection', '--formatter', 'json'], node)) || '[]') as { pid: string; connection: string }[];
  const connections = new Map((await connectionsNamed('', node)).map((connection) => [connection.pid, connection.name]));
  const connectionOf = new Map(channels.map((channel) => [channel.pid.replace(/^#PID/, ''), connection(channel.connection)]));
  const active = new Map<string, string>();
  for (const consumer of consumers) {
    if (!consumer.queue_name.startsWith(prefix) || !consumer.active) continue;
    active.set(consumer.queue_name, connections.get(connectionOf.get(consumer.channel_pid.replace(/^#PID/, '')) ?? '') ?? 'unknown');
  }
  return active;
}

function connection(pid: string): string {
  return pid.replace(/^#PID/, '');
}
