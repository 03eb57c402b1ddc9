import { Module } from '@nestjs/common';
import type { SqlPool as Pool } from '../database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../messaging/broker-topology.provider';
import { amqpConnectionName } from '../messaging/connection-name';
import { ConfirmPublisher } from './confirm-publisher';
import { WatermarkPublisher } from './watermark-publisher';

/** Watermarks on request, for a read side that waits for a position (it opens no broker connection itself). */
@Module({
  providers: [
    {
      provide: WatermarkPublisher,
      inject: [PG_POOL, APP_CONFIG, BROKER_TOPOLOGY],
      useFactory: (pool: Pool, c: AppConfig, topology: BrokerTopology) =>
        new WatermarkPublisher(
          pool,
          new ConfirmPublisher(c.RABBITMQ_URL, c.RELAY_CONFIRM_TIMEOUT_MS, c.STARTUP_TIMEOUT_MS, {
            connectionName: amqpConnectionName(c.BROKER_PREFIX, 'watermarks'),
            heartbeatS: c.AMQP_HEARTBEAT_S,
          }),
          c.RELAY_NAME,
          consumedQueues(topology),
        ),
    },
  ],
  exports: [WatermarkPublisher],
})
export class WatermarkModule {}
