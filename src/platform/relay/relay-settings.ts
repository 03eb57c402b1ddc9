import type { AppConfig } from '../../config/app-config';
import type { BrokerTopology } from '../messaging/broker-topology';
import { amqpConnectionName } from '../messaging/connection-name';
import type { PublisherIdentity } from './confirm-publisher';

export interface RelaySettings {
  readonly name: string;
  readonly databaseUrl: string;
  readonly rabbitmqUrl: string;
  readonly topology: BrokerTopology;
  readonly batchSize: number;
  readonly maxInFlightBatches: number;
  readonly pollIntervalMs: number;
  readonly heartbeatIntervalMs: number;
  readonly leaseTimeoutMs: number;
  readonly confirmTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** How the relay's publisher connection presents itself to the broker. */
  readonly publisher?: PublisherIdentity;
}

export function relaySettings(config: AppConfig, topology: BrokerTopology): RelaySettings {
  return {
    name: config.RELAY_NAME,
    databaseUrl: config.DATABASE_URL,
    rabbitmqUrl: config.RABBITMQ_URL,
    topology,
    batchSize: config.RELAY_BATCH_SIZE,
    maxInFlightBatches: config.RELAY_MAX_IN_FLIGHT_BATCHES,
    pollIntervalMs: config.RELAY_POLL_INTERVAL_MS,
    heartbeatIntervalMs: config.RELAY_HEARTBEAT_INTERVAL_MS,
    leaseTimeoutMs: config.RELAY_LEASE_TIMEOUT_MS,
    confirmTimeoutMs: config.RELAY_CONFIRM_TIMEOUT_MS,
    connectTimeoutMs: config.STARTUP_TIMEOUT_MS,
    publisher: { connectionName: amqpConnectionName(config.BROKER_PREFIX, 'relay'), heartbeatS: config.AMQP_HEARTBEAT_S },
  };
}
