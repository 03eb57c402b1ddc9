/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;

/** What crosses between instances: a topic and its payloads (one or more), as JSON in one NOTIFY. */
export interface LiveMessage {
  readonly topic: string;
  readonly data: readonly unknown[];
}

/** The channel every instance of one deployment (one BROKER_PREFIX) listens on. */
export function liveChannelName(prefix: string): string {
  const name = `${prefix}.live`;
  if (Buffer.byteLength(name) > 63) throw new Error(`BROKER_PREFIX is too long for a PostgreSQL channel name (${name} > 63 bytes)`);
  return name;
}

/**
 * The statement that publishes a message: inside a transaction it is sent only if that commits
 * (PostgreSQL holds NOTIFYs until commit), so a subscriber never hears of a change that was
 * rolled back; outside one it is sent at once.
 */
export function liveNotification(channel: string, message: LiveMessage): { text: string; values: string[] } {
  const payload = JSON.stringify(message);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`live message on ${message.topic} is too large for NOTIFY (${Buffer.byteLength(payload)} bytes)`);
  return { text: 'select pg_notify($1, $2)', values: [channel, payload] };
}

/**
 * The messages that carry `values` on `topic`, as few as the NOTIFY size allows: a monthly import
 * raising thousands of alerts sends a few hundred statements, not thousands.
 */
export function packLiveMessages(topic: string, values: readonly unknown[]): LiveMessage[] {
  const messages: LiveMessage[] = [];
  let current: unknown[] = [];
  let bytes = Buffer.byteLength(JSON.stringify({ topic, data: [] }));
  for (const value of values) {
    const size = Buffer.byteLength(JSON.stringify(value)) + 1;
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      messages.push({ topic, data: current });
      current = [];
      bytes = Buffer.byteLength(JSON.stringify({ topic, data: [] }));
    }
    current.push(value);
    bytes += size;
  }
  if (current.length > 0) messages.push({ topic, data: current });
  return messages;
}

/** A received payload, or null when it is not one of ours. */
export function parseLiveMessage(payload: string | undefined): LiveMessage | null {
  if (!payload) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { topic, data } = parsed as { topic?: unknown; data?: unknown };
    return typeof topic === 'string' && Array.isArray(data) ? { topic, data } : null;
  } catch {
    return null;
  }
}
