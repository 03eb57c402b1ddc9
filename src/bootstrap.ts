import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { assertComponentsUp } from './platform/health/preflight';
import { correlationIdOf } from './platform/logging/correlation-id';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  await assertComponentsUp(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    // Fastify's request id is the one the request logger prints (middie hands it on as `req.id`):
    // make it the correlation id, which the events of the request carry too.
    new FastifyAdapter({ trustProxy: true, bodyLimit: 10 * 1024 * 1024, genReqId: correlationIdOf }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close Fastify first (in-flight requests finish), then every module's
  // connections in reverse order of creation.
  app.enableShutdownHooks();
  return app;
}
