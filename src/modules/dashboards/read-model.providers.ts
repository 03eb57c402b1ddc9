import { Client } from '@elastic/elasticsearch';
import type { Provider } from '@nestjs/common';
import type { SqlPool as Pool } from '../../platform/database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../../platform/database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../../platform/messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../../platform/messaging/broker-topology.provider';
import { DUAL_WRITE } from './dual-write';
import { ReadModelProjection } from './read-model.projection';
import { ReadModelRebuilder } from './rebuild/read-model-rebuilder';
import { RebuildRuns } from './rebuild/rebuild-runs';
import { SummaryFlusher } from './summaries/summary-flusher';
import { SummaryRecompute } from './summaries/summary-recompute';
import { DirtySummaries } from './summaries/dirty-summaries';
import { PgNamesVersion } from './elasticsearch/names-version';
import { EventLogReplay } from '../../platform/event-log/event-log-replay';
import { ProjectionCheckpoints } from './freshness/projection-checkpoints';
import { ReadModelFreshness } from './freshness/read-model-freshness';
import { ReadModelIndexManager } from './elasticsearch/read-model-index-manager';
import { aliasSet } from './elasticsearch/read-model-indexes';
import { ReadModelLookups } from './projections/read-model-lookups';
import { READ_MODEL_ALIASES } from './read-model.tokens';
import { WatermarkPublisher } from '../../platform/relay/watermark-publisher';
import { Clock } from '../../platform/cqrs/clock';
import { QUERY_CLIENT } from '../../platform/elasticsearch/elasticsearch.module';
import type { IndexSet } from './elasticsearch/read-model-indexes';
import { PUBLICATION_HORIZON } from './publication/publication-horizon';
import { PUBLISHED_MONTH_SOURCE, type PublishedMonthSource } from './publication/published-month-source';
import { CachedPublishedMonth } from './publication/cached-published-month';
import { ImportFirstPublicationHorizon } from './publication/import-first-publication-horizon';
import { ReadModelLatestMonth } from './publication/read-model-latest-month';
import { AnomalyAlerts, anomalySettingsOf } from './projections/alerts/anomaly-alerts';
import { ALERT_NOTICES, SILENT_ALERT_NOTICES, type AlertNotices } from './projections/alerts/alert-notices';
import { LiveUpdates } from '../../platform/live/live-updates';
import { DashboardUpdatesPublisher } from './subscriptions/dashboard-updates.publisher';
import { RecalculationWaits } from './recalculation/recalculation-waits';

/** The read model's collaborators are plain classes (the CLI builds them without Nest); these wire them. */
export const readModelProviders: Provider[] = [
  { provide: READ_MODEL_ALIASES, inject: [APP_CONFIG], useFactory: (config: AppConfig) => aliasSet(config.ES_INDEX_PREFIX) },
  { provide: ReadModelIndexManager, inject: [Client, APP_CONFIG], useFactory: (es: Client, c: AppConfig) => new ReadModelIndexManager(es, c.ES_INDEX_PREFIX) },
  { provide: ReadModelLookups, inject: [Client], useFactory: (es: Client) => new ReadModelLookups(es) },
  // Silent until notifications or subscriptions bind their own (they override this provider).
  { provide: ALERT_NOTICES, useValue: SILENT_ALERT_NOTICES },
  {
    provide: AnomalyAlerts,
    inject: [Client, APP_CONFIG, Clock, READ_MODEL_ALIASES, ALERT_NOTICES],
    useFactory: (es: Client, c: AppConfig, clock: Clock, aliases: IndexSet, notices: AlertNotices) =>
      // Only the live indexes' changes are reported: a rebuild's generation stays silent.
      new AnomalyAlerts(es, anomalySettingsOf(c), () => clock.now(), async (indexes, changed) => {
        if (indexes.alerts === aliases.alerts) await notices.publish(changed);
      }),
  },
  {
    provide: ReadModelProjection,
    inject: [Client, PG_POOL, AnomalyAlerts],
    useFactory: (es: Client, pool: Pool, anomalies: AnomalyAlerts) => new ReadModelProjection(es, { names: new PgNamesVersion(pool), anomalies }),
  },
  { provide: ProjectionCheckpoints, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new ProjectionCheckpoints(pool, c.ES_INDEX_PREFIX) },
  { provide: RebuildRuns, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new RebuildRuns(pool, c.ES_INDEX_PREFIX) },
  { provide: DUAL_WRITE, useExisting: RebuildRuns },
  {
    // The customs import's month when DashboardsModule.register wired one in (the app does), else the read model's.
    provide: PUBLICATION_HORIZON,
    inject: [QUERY_CLIENT, READ_MODEL_ALIASES, Clock, APP_CONFIG, { token: PUBLISHED_MONTH_SOURCE, optional: true }],
    useFactory: (es: Client, indexes: IndexSet, clock: Clock, c: AppConfig, imported?: PublishedMonthSource) =>
      new ImportFirstPublicationHorizon(
        imported ? new CachedPublishedMonth(imported, c.PUBLICATION_HORIZON_CACHE_MS) : null,
        new ReadModelLatestMonth(es, indexes),
        clock,
      ),
  },
  { provide: EventLogReplay, inject: [PG_POOL], useFactory: (pool: Pool) => new EventLogReplay(pool) },
  { provide: RecalculationWaits, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new RecalculationWaits(pool, c.ES_INDEX_PREFIX) },
  { provide: DirtySummaries, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new DirtySummaries(pool, c.ES_INDEX_PREFIX) },
  {
    provide: SummaryRecompute,
    inject: [Client, ReadModelLookups, AnomalyAlerts],
    useFactory: (es: Client, lookups: ReadModelLookups, anomalies: AnomalyAlerts) => new SummaryRecompute(es, lookups, undefined, undefined, anomalies),
  },
  {
    provide: DashboardUpdatesPublisher,
    inject: [ProjectionCheckpoints, BROKER_TOPOLOGY, LiveUpdates],
    useFactory: (checkpoints: ProjectionCheckpoints, topology: BrokerTopology, live: LiveUpdates) =>
      new DashboardUpdatesPublisher(checkpoints, consumedQueues(topology), live),
  },
  {
    provide: SummaryFlusher,
    inject: [SummaryRecompute, DirtySummaries, APP_CONFIG, DashboardUpdatesPublisher],
    useFactory: (summaries: SummaryRecompute, dirty: DirtySummaries, c: AppConfig, updates: DashboardUpdatesPublisher) =>
      new SummaryFlusher(summaries, dirty, c.ES_INDEX_PREFIX, updates.observer),
  },
  {
    provide: ReadModelRebuilder,
    inject: [Client, ReadModelProjection, ReadModelIndexManager, EventLogReplay, RebuildRuns],
    useFactory: (es: Client, projection: ReadModelProjection, indexes: ReadModelIndexManager, replay: EventLogReplay, runs: RebuildRuns) =>
      new ReadModelRebuilder(es, projection, indexes, replay, runs),
  },
  {
    provide: ReadModelFreshness,
    inject: [ProjectionCheckpoints, APP_CONFIG, BROKER_TOPOLOGY, WatermarkPublisher],
    useFactory: (checkpoints: ProjectionCheckpoints, c: AppConfig, topology: BrokerTopology, watermarks: WatermarkPublisher) =>
      new ReadModelFreshness(
        checkpoints,
        consumedQueues(topology),
        { defaultTimeoutMs: c.READ_WAIT_DEFAULT_MS, maxTimeoutMs: c.READ_WAIT_MAX_MS },
        () => watermarks.nudge(),
      ),
  },
];
