import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { customsScheduleEnabled } from '../../../config/customs-import-ops.config';
import { Stopper } from '../../../platform/concurrency/stopper';
import { Clock } from '../../../platform/cqrs/clock';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import { CustomsImportScheduler } from './customs-import-scheduler';
import { ImportSchedule } from './import-schedule';
import { SCHEDULED_IMPORT_STARTER, type ScheduledImportStarter } from './scheduled-import-starter';
import { ScheduleFirings } from './schedule-firings';

/** The firings' namespace in the app. */
export const SCHEDULE_NAME = 'customs-import';
/** Starting an import records a job row: a claim still unstarted after this long lost its instance. */
const CLAIM_LEASE_MS = 5 * 60_000;
const MAX_SLEEP_MS = 60_000;

/** Runs the customs import's schedule in this instance when CUSTOMS_IMPORT_SCHEDULE_ENABLED says so. */
@Injectable()
export class CustomsImportScheduleHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stopper = new Stopper();
  private running: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('CustomsImportSchedule');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    @Inject(SCHEDULED_IMPORT_STARTER) private readonly starter: ScheduledImportStarter,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!customsScheduleEnabled(this.config)) return;
    const c = this.config;
    const schedule = ImportSchedule.of(c.CUSTOMS_IMPORT_SCHEDULE, c.CUSTOMS_IMPORT_SCHEDULE_TZ, c.CUSTOMS_IMPORT_SCHEDULE_CATCH_UP_HOURS * 3_600_000);
    const instance = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    const scheduler = new CustomsImportScheduler(
      schedule,
      new ScheduleFirings(this.pool, SCHEDULE_NAME, instance),
      this.starter,
      this.clock,
      { name: SCHEDULE_NAME, instance, claimLeaseMs: CLAIM_LEASE_MS, maxSleepMs: MAX_SLEEP_MS },
      { info: (message) => this.logger.log(message), warn: (message) => this.logger.warn(message) },
    );
    this.logger.log(`customs import schedule "${c.CUSTOMS_IMPORT_SCHEDULE}" (${c.CUSTOMS_IMPORT_SCHEDULE_TZ}); next firing ${schedule.nextAfter(this.clock.now()).toISOString()}`);
    this.running = scheduler.runUntil(this.stopper);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopper.stop();
    await this.running;
  }
}
