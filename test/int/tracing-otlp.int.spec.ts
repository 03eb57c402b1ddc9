import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { startTracing } from '../../src/platform/tracing/start-tracing';
import { inSpan } from '../../src/platform/tracing/tracer';
import { testConfig } from '../support/test-config';

/**
 * TRACING_EXPORTER=otlp: spans leave as OTLP over HTTP (JSON) to TRACING_OTLP_URL. No OTLP collector
 * runs here, so a plain HTTP server stands in for one and keeps what it is sent.
 */
describe('the OTLP exporter', () => {
  const received: { url?: string; contentType?: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url, contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('sends our spans, with the service name, to TRACING_OTLP_URL when the SDK stops', async () => {
    const { port } = server.address() as { port: number };
    const config = testConfig({ TRACING_ENABLED: 'true', TRACING_EXPORTER: 'otlp', TRACING_OTLP_URL: `http://127.0.0.1:${port}/v1/traces` });
    const tracing = await startTracing(config);

    await inSpan('otlp probe', { attributes: { probe: 'yes' } }, async () => undefined);
    await tracing!.shutdown();

    expect(received).toEqual([expect.objectContaining({ url: '/v1/traces', contentType: 'application/json' })]);
    const body = JSON.parse(received[0].body) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string }[] }[] }[];
    };
    const [resourceSpans] = body.resourceSpans;
    expect(resourceSpans.resource.attributes).toEqual(expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'export-statistics' } }]));
    expect(resourceSpans.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name))).toEqual(['otlp probe']);
  });
});
