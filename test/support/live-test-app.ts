import type { Pool } from 'pg';
import type { AppOptions } from '../../src/app.module';
import type { AppConfig } from '../../src/config/app-config';
import { DirtySummaries } from '../../src/modules/dashboards/summaries/dirty-summaries';
import { PgNamesVersion } from '../../src/modules/dashboards/elasticsearch/names-version';
import { ProjectionCheckpoints } from '../../src/modules/dashboards/freshness/projection-checkpoints';
import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { topologyFromConfig } from '../../src/platform/messaging/broker-topology.provider';
import { deleteTopology } from '../../src/platform/messaging/topology-declarer';
import { deleteCustomsImportQueues } from './customs-import-queues';
import { deleteRelayState, startCheckpointAtHead } from './relay-state';
import { startTestApp, stopTestApp } from './test-app';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The application with its own relay and consumers, delivering to its own indexes. The relay
 * publishes only what is written from now on, not the test database's history.
 */
export async function startLiveTestApp(db: Pool, relayName: string, overrides: Record<string, string> = {}, options: AppOptions = {}): Promise<TestApp> {
  await startCheckpointAtHead(db, relayName);
  return startTestApp(
    {
    RELAY_ENABLED: 'true',
    CONSUMERS_ENABLED: 'true',
    RELAY_NAME: relayName,
    RELAY_POLL_INTERVAL_MS: '200',
    SUMMARY_FLUSH_INTERVAL_MS: '200',
    ...overrides,
    },
    options,
  );
}

/** Stops it and removes what it made: relay state, projection bookkeeping, indexes and broker topology. */
export async function stopLiveTestApp(db: Pool, relayName: string, harness: TestApp | undefined): Promise<void> {
  await deleteRelayState(db, relayName);
  if (!harness) return;
  const { config } = harness;
  await new ProjectionCheckpoints(db, config.ES_INDEX_PREFIX).deleteAll();
  await new DirtySummaries(db, config.ES_INDEX_PREFIX).deleteAll();
  await new PgNamesVersion(db).deleteAll(config.ES_INDEX_PREFIX);
  await harness.app.get(ReadModelIndexManager).deleteAll();
  await stopTestApp(harness);
  await deleteTopology(config.RABBITMQ_URL, topologyFromConfig(config));
}

/** What an app with the customs import's workers leaves: its work queues, quota and rate rows. */
export async function deleteCustomsImportState(db: Pool, config: AppConfig): Promise<void> {
  await db.query('delete from customs_quota_day where scope = $1', [config.BROKER_PREFIX]);
  await db.query('delete from customs_rate where scope = $1', [config.BROKER_PREFIX]);
  await deleteCustomsImportQueues(config.RABBITMQ_URL, config.BROKER_PREFIX);
}
