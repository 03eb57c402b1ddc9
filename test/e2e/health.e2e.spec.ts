import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap';
import { testConfig } from '../support/test-config';

describe('health through GraphQL and HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createApp(testConfig());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const up = (name: string) => ({ name, status: 'UP', latencyMs: expect.any(Number), error: null });

  it('reports PostgreSQL, RabbitMQ and Elasticsearch up with their latency', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ health { status components { name status latencyMs error } } }' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      data: {
        health: { status: 'UP', components: [up('postgresql'), up('rabbitmq'), up('elasticsearch')] },
      },
    });
  });

  it('answers the readiness probe with 200 and the same components', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'UP',
      components: [up('postgresql'), up('rabbitmq'), up('elasticsearch')],
    });
  });

  it('answers a malformed query with a GraphQL error and no stack trace', async () => {
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ health { nope } }' } });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      data: null,
      errors: [
        {
          message: 'Cannot query field "nope" on type "Health".',
          locations: [{ line: 1, column: 12 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it('refuses a query too wide for the complexity limit before running it', async () => {
    // Each of the 1,000 keys asked for costs its two fields: 1 + 1,000 x 2.
    const wide = '{ parkedKeys(limit: 1000) { key reason } }';

    const refused = await app.inject({ method: 'POST', url: '/graphql', payload: { query: wide } });

    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      data: null,
      errors: [
        {
          message: 'query complexity 2001 exceeds the limit of 2000; ask for fewer fields or items',
          extensions: { code: 'QUERY_TOO_COMPLEX', complexity: 2001, limit: 2000 },
        },
      ],
    });
  });
});
