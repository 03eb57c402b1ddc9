import fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDashboardPage } from './dashboard-page';

// A real Fastify serving a real folder laid out as Vite builds web/dist.
describe('the dashboard page at /', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-page-'));
    app = fastify();
    app.get('/graphql', async () => ({ data: { ok: true } }));
    app.get('/health/live', async () => ({ status: 'UP' }));
  });

  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const build = () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(dir, 'assets', 'index-GG0aDLQU.js'), 'console.log(1)');
  };

  it('serves the page revalidated each time and hashed assets for a year', async () => {
    build();
    serveDashboardPage(app, dir);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect([page.statusCode, page.headers['content-type'], page.headers['cache-control'], page.body]).toEqual([200, 'text/html; charset=utf-8', 'no-cache', '<!doctype html><title>page</title>']);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-GG0aDLQU.js' });
    expect([asset.statusCode, asset.headers['cache-control'], asset.body]).toEqual([200, 'public, max-age=31536000, immutable', 'console.log(1)']);
  });

  it('leaves the exact routes alone and answers 404 where there is no file', async () => {
    build();
    serveDashboardPage(app, dir);
    expect((await app.inject({ method: 'GET', url: '/graphql' })).json()).toEqual({ data: { ok: true } });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'UP' });
    expect((await app.inject({ method: 'GET', url: '/nothing-here.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/../package.json' })).statusCode).toBe(404);
  });

  it('says how to build the page when there is no build', async () => {
    serveDashboardPage(app, dir);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('make web');
  });
});
