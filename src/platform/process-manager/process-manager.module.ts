import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeliveryModule } from '../delivery/delivery.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProcessDefinitions } from './process-definitions';
import { ProcessGauges } from './process-gauges';
import { ProcessManagerHost } from './process-manager.host';
import { ProcessOperations } from './process-operations';
import { ProcessQueries } from './process.queries';
import { ProcessResolver } from './process.resolver';

/**
 * Durable processes (ADR 0012): the manager that runs every provider marked
 * @ProcessDefinitionProvider(), and its metrics. Contexts define processes; this module runs them.
 */
@Module({
  imports: [DiscoveryModule, MetricsModule, DeliveryModule],
  providers: [ProcessDefinitions, ProcessManagerHost, ProcessGauges, ProcessQueries, ProcessOperations, ProcessResolver],
  exports: [ProcessManagerHost, ProcessQueries],
})
export class ProcessManagerModule {}
