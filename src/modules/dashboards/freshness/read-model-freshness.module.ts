import { Module } from '@nestjs/common';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PG_POOL } from '../../../platform/database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../../../platform/messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../../../platform/messaging/broker-topology.provider';
import { WatermarkModule } from '../../../platform/relay/watermark.module';
import { WatermarkPublisher } from '../../../platform/relay/watermark-publisher';
import { HasReadModelPassedHandler } from '../queries/has-read-model-passed/has-read-model-passed.handler';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ReadModelFreshness } from './read-model-freshness';

/**
 * Only the question "has the read model passed this log position?" (HasReadModelPassedQuery),
 * without the projections or their consumers: what a CLI process asks of a running service's read
 * model. The application gets the same handler from DashboardsModule, which imports this module.
 */
@Module({
  imports: [WatermarkModule],
  providers: [
    { provide: ProjectionCheckpoints, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new ProjectionCheckpoints(pool, c.ES_INDEX_PREFIX) },
    {
      provide: ReadModelFreshness,
      inject: [ProjectionCheckpoints, APP_CONFIG, BROKER_TOPOLOGY, WatermarkPublisher],
      useFactory: (checkpoints: ProjectionCheckpoints, c: AppConfig, topology: BrokerTopology, watermarks: WatermarkPublisher) =>
        new ReadModelFreshness(checkpoints, consumedQueues(topology), { defaultTimeoutMs: c.READ_WAIT_DEFAULT_MS, maxTimeoutMs: c.READ_WAIT_MAX_MS }, () => watermarks.nudge()),
    },
    HasReadModelPassedHandler,
  ],
})
export class ReadModelFreshnessModule {}
