import { Module } from '@nestjs/common';
import { HealthResolver } from './health.resolver';
import { HealthService } from './health.service';
import { ReadinessController } from './readiness.controller';

@Module({
  providers: [HealthService, HealthResolver],
  controllers: [ReadinessController],
  exports: [HealthService],
})
export class HealthModule {}
