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
  /** The client's and the broker's address, as the broker names the connection. */
  readonly peer: string;
}

/** The connections whose client-given name contains `fragment` (read only: lists, closes nothing). */
export async function connectionsNamed(fragment: string, node?: RabbitNodeAddress): Promise<BrokerConnection[]> {
  const rows = JSON.parse((await rabbitmqctl(['list_connections', 'name', 'client_properties', '--formatter', 'json'], node)) || '[]') as {
    name: string;
    client_properties: Table;
  }[];
  // JSON shows a pid in a form close_connection does not take; the table form names the node.
  const pids = new Map(
    (await rabbitmqctl(['list_connections', '--no-table-headers', 'name', 'pid'], node))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]),
  );
  return rows
    .map((row) => ({ peer: row.name, name: String(row.client_properties.find(([key]) => key === 'connection_name')?.[2] ?? '') }))
    .filter((connection) => connection.name.includes(fragment) && pids.has(connection.peer))
    .map((connection) => ({ pid: pids.get(connection.peer)!, name: connection.name, peer: connection.peer }));
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
  const list = async <T>(args: string[]) => JSON.parse((await rabbitmqctl([...args, '--formatter', 'json'], node)) || '[]') as T[];
  const consumers = await list<{ queue_name: string; channel_pid: string; active: boolean }>(['list_consumers', 'queue_name', 'channel_pid', 'active']);
  const channels = await list<{ pid: string; connection: string }>(['list_channels', 'pid', 'connection']);
  const connections = await list<{ pid: string; client_properties: Table }>(['list_connections', 'pid', 'client_properties']);
  const nameOf = new Map(connections.map((row) => [row.pid, String(row.client_properties.find(([key]) => key === 'connection_name')?.[2] ?? '')]));
  const connectionOf = new Map(channels.map((channel) => [channel.pid, channel.connection]));
  const active = new Map<string, string>();
  for (const consumer of consumers) {
    if (!consumer.queue_name.startsWith(prefix) || !consumer.active) continue;
    active.set(consumer.queue_name, nameOf.get(connectionOf.get(consumer.channel_pid) ?? '') ?? 'unknown');
  }
  return active;
}
