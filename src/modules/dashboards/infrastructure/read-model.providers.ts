import { Client } from '@elastic/elasticsearch';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import type { SqlPool as Pool } from '../../../platform/database/pg-pool';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { PG_POOL } from '../../../platform/database/pg-pool';
import { consumedQueues, type BrokerTopology } from '../../../platform/messaging/broker-topology';
import { BROKER_TOPOLOGY } from '../../../platform/messaging/broker-topology.provider';
import { ReadModelProjection } from '../projections/read-model.projection';
import { ReadModelRebuilder } from '../projections/rebuild/read-model-rebuilder';
import { RebuildRuns } from '../projections/rebuild/rebuild-runs';
import { SummaryFlusher } from '../projections/summary-flusher';
import { DirtySummaries } from './dirty-summaries';
import { PgNamesVersion } from './names-version';
import { EventLogReplay } from './event-log-replay';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ReadModelFreshness } from './read-model-freshness';
import { ReadModelIndexManager } from './read-model-index-manager';
import { aliasSet } from './read-model-indexes';
import { ReadModelLookups } from './read-model-lookups';
import { READ_MODEL_ALIASES } from './read-model.tokens';
import { WatermarkPublisher } from './watermark-publisher';

/** The read model's collaborators are plain classes (the CLI builds them without Nest); these wire them. */
export const readModelProviders: Provider[] = [
  { provide: READ_MODEL_ALIASES, inject: [APP_CONFIG], useFactory: (config: AppConfig) => aliasSet(config.ES_INDEX_PREFIX) },
  { provide: ReadModelIndexManager, inject: [Client, APP_CONFIG], useFactory: (es: Client, c: AppConfig) => new ReadModelIndexManager(es, c.ES_INDEX_PREFIX) },
  { provide: ReadModelLookups, inject: [Client], useFactory: (es: Client) => new ReadModelLookups(es) },
  {
    provide: ReadModelProjection,
    inject: [Client, PG_POOL],
    useFactory: (es: Client, pool: Pool) => new ReadModelProjection(es, { names: new PgNamesVersion(pool) }),
  },
  { provide: ProjectionCheckpoints, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new ProjectionCheckpoints(pool, c.ES_INDEX_PREFIX) },
  { provide: RebuildRuns, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new RebuildRuns(pool, c.ES_INDEX_PREFIX) },
  { provide: EventLogReplay, inject: [PG_POOL], useFactory: (pool: Pool) => new EventLogReplay(pool) },
  { provide: DirtySummaries, inject: [PG_POOL, APP_CONFIG], useFactory: (pool: Pool, c: AppConfig) => new DirtySummaries(pool, c.ES_INDEX_PREFIX) },
  {
    provide: SummaryFlusher,
    inject: [ReadModelProjection, DirtySummaries, APP_CONFIG],
    useFactory: (projection: ReadModelProjection, dirty: DirtySummaries, c: AppConfig) => new SummaryFlusher(projection, dirty, c.ES_INDEX_PREFIX),
  },
  {
    provide: ReadModelRebuilder,
    inject: [Client, ReadModelProjection, ReadModelIndexManager, EventLogReplay, RebuildRuns],
    useFactory: (es: Client, projection: ReadModelProjection, indexes: ReadModelIndexManager, replay: EventLogReplay, runs: RebuildRuns) =>
      new ReadModelRebuilder(es, projection, indexes, replay, runs),
  },
  {
    provide: WatermarkPublisher,
    inject: [PG_POOL, APP_CONFIG, BROKER_TOPOLOGY],
    useFactory: (pool: Pool, c: AppConfig, topology: BrokerTopology) =>
      new WatermarkPublisher(pool, c.RABBITMQ_URL, c.RELAY_NAME, consumedQueues(topology)),
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

/** Creates missing indexes and aliases before the first query or event, and says when a mapping changed. */
@Injectable()
export class ReadModelLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private createdHere = false;

  constructor(
    private readonly indexes: ReadModelIndexManager,
    private readonly watermarks: WatermarkPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { created, stale } = await this.indexes.ensure();
    this.createdHere = created.length > 0;
    if (stale.length > 0) {
      this.logger.warn(
        `es-mappings changed for ${stale.join(', ')} since the live indexes of "${this.config.ES_INDEX_PREFIX}" were built: ` +
          'run `cli rebuild` (or the rebuildReadModel mutation) to build them again with the new mappings',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watermarks.close();
    // Every test run has an index prefix of its own; an app a test started leaves no indexes
    // behind (tests of the read model keep theirs by creating them before the app).
    if (this.config.NODE_ENV === 'test' && this.createdHere) await this.indexes.deleteAll().catch(() => undefined);
  }
}

/** Flushes the queued summaries, paced by SUMMARY_FLUSH_INTERVAL_MS, on an instance that consumes. */
@Injectable()
export class SummaryFlushHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<unknown> = Promise.resolve();
  private stop: () => void = () => undefined;
  private readonly logger = new Logger('SummaryFlush');

  constructor(
    private readonly flusher: SummaryFlusher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.CONSUMERS_ENABLED) return;
    const stopped = new Promise<void>((resolve) => (this.stop = resolve));
    this.running = this.flusher.runUntil(stopped, this.config.SUMMARY_FLUSH_INTERVAL_MS, (error) =>
      this.logger.warn(`summary flush failed, retried at the next one: ${String(error)}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }
}
