import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/platform/project-root';
import { freePort } from './app-process';
import { uniqueName } from './test-config';

const run = promisify(execFile);

/** A Zipkin span as its API answers (/api/v2/trace/{id}, /api/v2/traces). */
export interface ZipkinSpan {
  readonly traceId: string;
  readonly id: string;
  readonly parentId?: string;
  readonly name: string;
  readonly localEndpoint?: { readonly serviceName?: string };
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ZipkinServer {
  readonly url: string;
  /** Where the app sends its spans (TRACING_ZIPKIN_URL). */
  readonly spansUrl: string;
  trace(traceId: string): Promise<ZipkinSpan[]>;
  /** Traces holding a span with a tag of this key, as Zipkin's search finds them (`annotationQuery`). */
  tracesTagged(serviceName: string, tagKey: string): Promise<ZipkinSpan[][]>;
  stop(): Promise<void>;
}

/**
 * A Zipkin of the test's own, through scripts/zipkin.sh: on a free port, with a data folder of its
 * own under .data/, stopped by the pid the script started it with.
 */
export async function startZipkin(): Promise<ZipkinServer> {
  const port = await freePort();
  const dataDir = join(projectRoot(), '.data', uniqueName('zipkin-test'));
  const env = { ...process.env, ZIPKIN_PORT: String(port), ZIPKIN_DATA_DIR: dataDir };
  const script = join(projectRoot(), 'scripts', 'zipkin.sh');
  const stop = async () => {
    await run('bash', [script, 'stop'], { env, timeout: 60_000 });
    await rm(dataDir, { recursive: true, force: true });
  };
  // A start that timed out leaves its server running: stop it (by its pid) before giving up.
  await run('bash', [script, 'start'], { env, timeout: 180_000 }).catch(async (error: unknown) => {
    await stop().catch(() => undefined);
    throw error;
  });
  const url = `http://127.0.0.1:${port}`;
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    if (response.status === 404) return [] as T;
    if (!response.ok) throw new Error(`Zipkin ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url,
    spansUrl: `${url}/api/v2/spans`,
    trace: (traceId) => getJson<ZipkinSpan[]>(`/api/v2/trace/${traceId}`),
    tracesTagged: (serviceName, tagKey) =>
      getJson<ZipkinSpan[][]>(`/api/v2/traces?serviceName=${encodeURIComponent(serviceName)}&annotationQuery=${encodeURIComponent(tagKey)}&limit=100&lookback=3600000`),
    stop,
  };
}
