import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { MetricsModule } from '../metrics/metrics.module';
import { RelayHost } from '../relay/relay.host';
import { ConsumersHost } from './consumers.host';
import { DeliveryGauges } from './delivery-gauges';
import { DeliveryMetrics } from './delivery-metrics';
import { HandlerRegistry } from './handler-registry';
import { ParkingOperations } from './parking/parking-operations';
import { ParkingResolver } from './parking/parking.resolver';
import { TopologyInitializer } from './topology.initializer';

/**
 * Event delivery (docs/delivery.md): the broker topology, the outbox relay, this instance's
 * consumers with their parking store and its operator API, and the metrics on /metrics.
 * Handlers come from the modules that mark a provider @DeliveryHandler().
 */
@Module({
  imports: [DiscoveryModule, MetricsModule],
  providers: [
    TopologyInitializer,
    { provide: DeliveryMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new DeliveryMetrics(registry) },
    DeliveryGauges,
    RelayHost,
    HandlerRegistry,
    ConsumersHost,
    ParkingOperations,
    ParkingResolver,
  ],
  exports: [RelayHost, ParkingOperations, DeliveryMetrics],
})
export class DeliveryModule {}
