import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { isSameSecret } from '../auth/credentials';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * The Prometheus scrape endpoint, in the text exposition format. With METRICS_TOKEN set it answers
 * only `Authorization: Bearer <token>` (Prometheus' `authorization` scrape setting); without, anyone
 * who reaches the port may read it, as is usual behind a private network.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (token && !(presented && isSameSecret(token, presented))) {
      await reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: 'a valid metrics bearer token is required' });
      return;
    }
    await reply.header('content-type', this.registry.contentType).send(await this.registry.metrics());
  }
}
