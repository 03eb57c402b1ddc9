import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { startTestApp, stopTestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { TcpProxy } from '../support/tcp-proxy';

const SUMMARY = '{ dashboardSummary(year: 2020) { year total { valueUsd } } }';

describe('an Elasticsearch outage answers typed and retryable, and readiness says so at once', () => {
  let proxy: TcpProxy;
  let harness: { app: NestFastifyApplication; db: Pool };

  beforeAll(async () => {
    const es = new URL(testConfig().ES_URL);
    proxy = await TcpProxy.start({ host: es.hostname, port: Number(es.port || 9200) });
    harness = await startTestApp({ ES_URL: proxy.url });
  });

  afterAll(async () => {
    proxy.heal();
    await stopTestApp(harness);
    await proxy.stop();
  });

  afterEach(() => proxy.heal());

  const query = async () => (await harness.app.inject({ method: 'POST', url: '/graphql', payload: { query: SUMMARY } })).json();
  const unavailable = {
    data: null,
    errors: [
      expect.objectContaining({
        message: 'the read model (Elasticsearch) is not reachable right now; retry shortly',
        path: ['dashboardSummary'],
        extensions: { code: 'READ_MODEL_UNAVAILABLE', retryable: true },
      }),
    ],
  };

  it('answers the dashboards while Elasticsearch is reachable', async () => {
    expect(await query()).toEqual({ data: { dashboardSummary: expect.objectContaining({ year: 2020 }) } });
  });

  it.each([
    ['frozen (connections open, no answer)', () => proxy.freeze()],
    ['refusing connections', () => proxy.refuse()],
  ])('answers READ_MODEL_UNAVAILABLE while Elasticsearch is %s, and recovers after', async (_what, breakIt) => {
    breakIt();

    expect(await query()).toEqual(unavailable);
    const ready = await harness.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().components).toContainEqual(expect.objectContaining({ name: 'elasticsearch', status: 'DOWN' }));

    proxy.heal();
    expect(await query()).toEqual({ data: { dashboardSummary: expect.objectContaining({ year: 2020 }) } });
  });
});
