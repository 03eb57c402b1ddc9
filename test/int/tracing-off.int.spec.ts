import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/platform/project-root';
import { testConfig, uniqueName } from '../support/test-config';

const run = promisify(execFile);

/**
 * Builds the whole application in a process of its own, answers one GraphQL request, and lists the
 * OpenTelemetry packages Node has loaded. The API (and the core package the Elasticsearch client
 * brings) are expected either way; the SDK, its exporters and resources only with tracing on.
 */
const PROBE = `
require('reflect-metadata');
const { loadConfig } = require('./src/config/app-config');
const { createApp } = require('./src/bootstrap');
(async () => {
  const app = await createApp(loadConfig());
  await app.init();
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } });
  const packages = new Set(Object.keys(require.cache).flatMap((path) => (/node_modules\\/(@opentelemetry\\/[^/]+)\\//.exec(path) || []).slice(1)));
  await app.close();
  process.stdout.write(JSON.stringify({ status: response.statusCode, packages: [...packages].sort() }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

async function loadedWith(tracing: 'true' | 'false'): Promise<{ status: number; packages: string[] }> {
  const config = testConfig();
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: config.DATABASE_URL,
    ES_URL: config.ES_URL,
    ES_INDEX_PREFIX: uniqueName('test'),
    BROKER_PREFIX: uniqueName('test'),
    RELAY_ENABLED: 'false',
    CONSUMERS_ENABLED: 'false',
    CUSTOMS_IMPORT_WORKERS: 'false',
    TRACING_ENABLED: tracing,
    // Nothing listens there: spans the app might export are dropped, which this test does not mind.
    TRACING_ZIPKIN_URL: 'http://127.0.0.1:9/api/v2/spans',
  };
  const { stdout } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', PROBE], { cwd: projectRoot(), env, timeout: 120_000 });
  return JSON.parse(stdout) as { status: number; packages: string[] };
}

const SDK = /^@opentelemetry\/(sdk-|exporter-|resources|context-async-hooks|otlp-)/;

describe('tracing off costs no SDK', () => {
  it('with TRACING_ENABLED=false the app serves GraphQL without loading any module of the OpenTelemetry SDK', async () => {
    const { status, packages } = await loadedWith('false');

    expect(status).toBe(200);
    expect(packages.filter((name) => SDK.test(name))).toEqual([]);
  }, 150_000);

  it('with TRACING_ENABLED=true the same probe sees the SDK and the exporter loaded (the check can fail)', async () => {
    const { status, packages } = await loadedWith('true');

    expect(status).toBe(200);
    expect(packages).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-zipkin', '@opentelemetry/resources']));
  }, 150_000);
});
