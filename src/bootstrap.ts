import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { serveDashboardPage } from './platform/dashboard-page/dashboard-page';
import { traceGraphqlRequests } from './platform/graphql/graphql-tracing';
import { graphqlOverHttp } from './platform/graphql/http-transport';
import { assertComponentsUp } from './platform/health/preflight';
import { correlationIdOf } from './platform/logging/correlation-id';
import { startTracing } from './platform/tracing/start-tracing';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  await assertComponentsUp(config);
  // Before any module is built: every span of ours then has the provider behind it (off: no-op).
  await startTracing(config);
  // Fastify's request id is the one the request logger prints (middie hands it on as `req.id`):
  // make it the correlation id, which the events of the request carry too.
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: config.HTTP_BODY_LIMIT_BYTES, genReqId: correlationIdOf });
  graphqlOverHttp(adapter.getInstance());
  if (config.TRACING_ENABLED) traceGraphqlRequests(adapter.getInstance());
  if (config.DASHBOARD_PAGE_ENABLED) serveDashboardPage(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    adapter,
    // Fastify's own JSON parser, as graphqlOverHttp sets it up, is the only body parser: no forms.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close Fastify first (in-flight requests finish), then every module's
  // connections in reverse order of creation.
  app.enableShutdownHooks();
  return app;
}
