import { startTestApp, stopTestApp } from '../support/test-app';
import { TEST_OPERATOR_KEY } from '../support/test-config';

const TOKEN = 'scrape-token-0123456789';

describe('/metrics with METRICS_TOKEN set', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    harness = await startTestApp({ METRICS_TOKEN: TOKEN, RELAY_ENABLED: 'false', CONSUMERS_ENABLED: 'false' });
  });

  afterAll(async () => {
    await stopTestApp(harness);
  });

  const scrape = (headers: Record<string, string> = {}) => harness.app.inject({ method: 'GET', url: '/metrics', headers });

  it.each([
    ['no credential', {}],
    ['a wrong token', { authorization: 'Bearer scrape-token-wrong-0000' }],
    ['an operator API key instead', { 'x-api-key': TEST_OPERATOR_KEY }],
  ])('refuses a scrape with %s', async (_, headers) => {
    const response = await scrape(headers);

    expect({ status: response.statusCode, challenge: response.headers['www-authenticate'], body: response.json() }).toEqual({
      status: 401,
      challenge: 'Bearer realm="metrics"',
      body: { error: 'a valid metrics bearer token is required' },
    });
  });

  it('answers a scrape with the token', async () => {
    const response = await scrape({ authorization: `Bearer ${TOKEN}` });

    expect(response.statusCode).toBe(200);
    expect(response.body.split('\n')).toContain('exportstats_relay_active 0');
  });
});
