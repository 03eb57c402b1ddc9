import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SummaryFlusher } from './summaries/summary-flusher';

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
