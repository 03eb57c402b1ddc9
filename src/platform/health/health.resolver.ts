import { Query, Resolver } from '@nestjs/graphql';
import { HealthReport, HealthService } from './health.service';

@Resolver('Health')
export class HealthResolver {
  constructor(private readonly health: HealthService) {}

  @Query('health')
  async getHealth(): Promise<HealthReport> {
    return this.health.report();
  }
}
