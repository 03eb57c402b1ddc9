import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { inSpan, SpanKind } from '../../platform/tracing/tracer';
import { CustomsImportWorker } from './customs-import.worker';
import { CustomsWorkQueues, type WorkContext, type WorkMessage } from './infrastructure/customs-work-queues';

/**
 * This instance's share of the import's work: consumers of the three queues and the resumer of
 * paused imports, when CUSTOMS_IMPORT_WORKERS is on. Each message is handled in a MikroORM context
 * of its own (the statistics commands load aggregates through it; consumers have no request scope).
 */
@Injectable()
export class CustomsImportWorkersHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CustomsImportWorkers');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: CustomsWorkQueues,
    private readonly worker: CustomsImportWorker,
    private readonly orm: MikroORM,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CUSTOMS_IMPORT_WORKERS) return;
    // A span per step of a unit, the child of the step (or the request) that sent its message: the
    // import is one trace from startCustomsImport to each unit's batch commands and writes, which
    // the relay's and consumers' batches link to. A step whose message came untraced starts one.
    const inContext = (step: string, work: (message: WorkMessage) => Promise<void>) => (message: WorkMessage, { traceparent }: WorkContext) => {
      const attributes = { 'customs_import.id': message.importId, 'customs_import.unit': message.unitKey ?? '' };
      return inSpan(`customs-import ${step}`, { kind: SpanKind.CONSUMER, attributes, parent: traceparent }, () => RequestContext.create(this.orm.em, () => work(message)));
    };
    await this.queues.consume('request', 1, inContext('request', ({ importId }) => this.worker.request(importId)));
    await this.queues.consume('fetch', this.config.CUSTOMS_CONCURRENCY, inContext('fetch unit', ({ importId, unitKey }) => this.worker.fetch(importId, requireUnit(unitKey))));
    await this.queues.consume('process', this.config.CUSTOMS_PROCESS_PREFETCH, inContext('process unit', ({ importId, unitKey }) => this.worker.process(importId, requireUnit(unitKey))));
    this.timer = setInterval(() => {
      this.worker.resumeDue().catch((error: unknown) => this.logger.error({ err: error }, 'resuming paused customs imports failed'));
    }, this.config.CUSTOMS_RESUME_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queues.stop();
  }
}

function requireUnit(unitKey: string | undefined): string {
  if (unitKey === undefined) throw new Error('a customs import unit message without unitKey');
  return unitKey;
}
