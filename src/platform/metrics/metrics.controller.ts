import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { bearerTokenOf, matchesDigest, secretDigest } from '../auth/credentials';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * The Prometheus scrape endpoint, in the text exposition format. With METRICS_TOKEN set it answers
 * only `Authorization: Bearer <token>` (Prometheus' `authorization` scrape setting); without, anyone
 * who reaches the port may read it, as is usual behind a private network.
 */
@Controller('metrics')
export class MetricsController {
  private readonly tokenDigest: Buffer | null;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokenDigest = config.METRICS_TOKEN ? secretDigest(config.METRICS_TOKEN) : null;
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const presented = bearerTokenOf(authorization);
    if (this.tokenDigest && !(presented && matchesDigest(this.tokenDigest, presented))) {
      await reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: 'a valid metrics bearer token is required' });
      return;
    }
    await reply.header('content-type', this.registry.contentType).send(await this.registry.metrics());
  }
}
