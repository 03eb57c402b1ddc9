import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';

/** For load balancers and orchestrators: 200 when every component answers, else 503. */
@Controller('health')
export class ReadinessController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  live(): { status: 'UP' } {
    return { status: 'UP' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.report();
    await reply.status(report.status === 'UP' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(report);
  }
}
