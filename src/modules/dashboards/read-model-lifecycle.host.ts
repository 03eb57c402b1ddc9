import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ReadModelIndexManager } from './elasticsearch/read-model-index-manager';

/** Creates missing indexes and aliases before the first query or event, and says when a mapping changed. */
@Injectable()
export class ReadModelLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModel');
  private createdHere = false;

  constructor(
    private readonly indexes: ReadModelIndexManager,
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
    // Every test run has an index prefix of its own; an app a test started leaves no indexes
    // behind (tests of the read model keep theirs by creating them before the app).
    if (this.config.NODE_ENV === 'test' && this.createdHere) await this.indexes.deleteAll().catch(() => undefined);
  }
}
