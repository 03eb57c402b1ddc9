import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { graphqlOverHttp } from './platform/graphql/http-transport';
import { assertComponentsUp } from './platform/health/preflight';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  await assertComponentsUp(config);
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: config.HTTP_BODY_LIMIT_BYTES });
  graphqlOverHttp(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
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
