import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeliveryModule } from '../delivery/delivery.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProcessDefinitions } from './process-definitions';
import { ProcessGauges } from './process-gauges';
import { ProcessManagerHost } from './process-manager.host';

/**
 * Durable processes (ADR 0012): the manager that runs every provider marked
 * @ProcessDefinitionProvider(), and its metrics. Contexts define processes; this module runs them.
 */
@Module({
  imports: [DiscoveryModule, MetricsModule, DeliveryModule],
  providers: [ProcessDefinitions, ProcessManagerHost, ProcessGauges],
  exports: [ProcessManagerHost],
})
export class ProcessManagerModule {}
