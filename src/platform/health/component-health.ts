export type ComponentName = 'postgresql' | 'rabbitmq' | 'elasticsearch';

export interface ComponentHealth {
  readonly name: ComponentName;
  readonly status: 'UP' | 'DOWN';
  readonly latencyMs: number;
  readonly error: string | null;
}

/** What an operator should do when a component is down; printed by start-up and by /health/ready. */
export const FIX_HINTS: Record<ComponentName, string> = {
  postgresql:
    'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point DATABASE_URL at a running server',
  rabbitmq:
    'start it with `rabbitmq-server -detached` and enable the plugins with `rabbitmq-plugins enable rabbitmq_consistent_hash_exchange rabbitmq_management`, or point RABBITMQ_URL at a running broker',
  elasticsearch: 'start it with `bash scripts/elasticsearch.sh start` (make run does this), or point ES_URL at a running cluster',
};

/** Runs one probe with a deadline and reports its latency; never throws. */
export async function probe(
  name: ComponentName,
  timeoutMs: number,
  check: () => Promise<unknown>,
): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), deadline]);
    return { name, status: 'UP', latencyMs: elapsed(started), error: null };
  } catch (error) {
    return { name, status: 'DOWN', latencyMs: elapsed(started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
