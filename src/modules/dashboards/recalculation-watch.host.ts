import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../kernel/domain-error';
import { Periodic } from '../../platform/concurrency/periodic';
import { ProcessManagerHost } from '../../platform/process-manager/process-manager.host';
import { COUNTRY_DEACTIVATION, COUNTRY_REACTIVATION } from '../countries';
import { ReadModelFreshness } from './freshness/read-model-freshness';
import { RecalculationWaits, type RecalculationWait } from './recalculation/recalculation-waits';

/** How long one look waits for watermarks per wait: short, the next round comes anyway. */
const LOOK_MS = 250;

/**
 * Signals `DashboardsRecalculated` to the country processes whose wait the projections have passed
 * (RecalculateCountryDashboardsHandler recorded it). Runs where processes run; any number of
 * instances may (the signal's id makes a second one harmless). The freshness check is the
 * queries' own: every queue's checkpoint at or past the position, recorded only after the
 * summaries queued before it were recomputed, so the country's summaries are.
 */
@Injectable()
export class RecalculationWatchHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RecalculationWatch');
  private readonly loop = new Periodic();

  constructor(
    private readonly waits: RecalculationWaits,
    private readonly freshness: ReadModelFreshness,
    private readonly processes: ProcessManagerHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.PROCESS_MANAGER_ENABLED) return;
    this.loop.start(() => this.lookOnce(), this.config.PROCESS_POLL_INTERVAL_MS, (error) => this.logger.warn(`looking at the dashboards' waits failed: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One round over the pending waits; answers how many were signalled. */
  async lookOnce(): Promise<number> {
    if (!this.processes.running) return 0;
    let signalled = 0;
    for (const wait of await this.waits.pending([COUNTRY_DEACTIVATION, COUNTRY_REACTIVATION])) {
      if (!(await this.passed(wait))) continue;
      const signal = { type: 'DashboardsRecalculated', data: { code: wait.code, position: wait.atLeastPosition } };
      // False: the process is no longer live (it ended, or was undone meanwhile); nobody waits.
      await this.processes.signal(wait.processType, wait.processKey, signal, `dashboards-recalculated:${wait.processId}:${wait.atLeastPosition}`);
      await this.waits.remove(wait);
      signalled += 1;
    }
    return signalled;
  }

  private async passed(wait: RecalculationWait): Promise<boolean> {
    try {
      return (await this.freshness.waitFor({ atLeastPosition: wait.atLeastPosition, timeoutMs: LOOK_MS })) === true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A position the log does not hold will never be passed: the process's deadline undoes it.
      this.logger.error(`dropping the wait of ${wait.processId} for position ${wait.atLeastPosition}: ${error.message}`);
      await this.waits.remove(wait);
      return false;
    }
  }
}
