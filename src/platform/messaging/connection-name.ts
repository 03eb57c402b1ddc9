import { hostname } from 'node:os';

/**
 * The name an instance's broker connection shows in RabbitMQ (`connection_name` client property):
 * the broker prefix, what the connection is for, and the host and process that opened it, so an
 * operator (or a fault test) can tell one instance's connections from everyone else's.
 */
export function amqpConnectionName(brokerPrefix: string, purpose: string): string {
  return `${brokerPrefix} ${purpose} ${hostname()}:${process.pid}`;
}

/** The URL with the heartbeat asked of the broker, unless the URL already names one. */
export function withHeartbeat(url: string, heartbeatS: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(heartbeatS));
  return parsed.toString();
}
