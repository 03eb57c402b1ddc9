import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import { declareTopology } from '../messaging/topology-declarer';

/**
 * Declares the broker topology before anything publishes or consumes, and fails the start-up with
 * a clear message when the broker's shard count differs from SHARD_COUNT. An instance with both
 * relay and consumers disabled (the CLI, a write-only benchmark) leaves the broker alone.
 */
@Injectable()
export class TopologyInitializer implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) private readonly topology: BrokerTopology,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.RELAY_ENABLED && !this.config.CONSUMERS_ENABLED) return;
    await declareTopology(this.config.RABBITMQ_URL, this.topology, this.config.STARTUP_TIMEOUT_MS, { processes: this.config.PROCESS_MANAGER_ENABLED });
  }
}
