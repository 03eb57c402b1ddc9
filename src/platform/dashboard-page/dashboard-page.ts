import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';

/** Vite names every file under assets/ by its content's hash: a new build is a new name. */
const HASHED = /[/\\]assets[/\\][^/\\]+-[\w-]{8,}\.\w+$/;

export const PAGE_HEADERS = {
  hashed: 'public, max-age=31536000, immutable',
  // The page itself is asked again each time (a 304 when unchanged), so a deployment shows at once.
  page: 'no-cache',
} as const;

export function dashboardPageDir(root = projectRoot()): string {
  return join(root, 'web', 'dist');
}

/**
 * The dashboard page (web/, ADR 0014) at `/`, from its built folder. Only GET and HEAD of files
 * under `/`: the routes of GraphQL, /metrics and /health are exact and win over this wildcard,
 * and a path with no file answers the app's usual 404. Without a build the app still starts and
 * `/` says how to make one.
 */
export function serveDashboardPage(fastify: FastifyInstance, dir = dashboardPageDir()): void {
  if (!existsSync(join(dir, 'index.html'))) {
    fastify.get('/', async (_request, reply) => {
      await reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('<!doctype html><title>Dashboard not built</title><p>The dashboard page is not built. Run <code>make web</code> (or <code>make run</code>), then reload. GraphQL is at <a href="/graphql">/graphql</a>.</p>');
    });
    return;
  }
  void fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    cacheControl: false,
    etag: true,
    lastModified: true,
    dotfiles: 'deny',
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED.test(path) ? PAGE_HEADERS.hashed : PAGE_HEADERS.page);
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
