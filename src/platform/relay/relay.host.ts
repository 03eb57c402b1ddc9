import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DeliveryMetrics } from '../delivery/delivery-metrics';
import type { BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import { OutboxRelay } from './outbox-relay';
import { relaySettings } from './relay-settings';

/**
 * The relay in the application: started once the application is up unless RELAY_ENABLED=false,
 * stopped before the connections close. Every instance runs one; the lease makes one active.
 * `relay` can also be started and stopped by hand (tests, operations).
 */
@Injectable()
export class RelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BROKER_TOPOLOGY) topology: BrokerTopology,
    metrics: DeliveryMetrics,
  ) {
    this.relay = new OutboxRelay(relaySettings(config, topology), metrics);
  }

  onApplicationBootstrap(): void {
    if (this.config.RELAY_ENABLED) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
