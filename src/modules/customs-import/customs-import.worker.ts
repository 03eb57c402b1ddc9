import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/cqrs/clock';
import { CustomsApiError, CustomsGatewayError, JobTransitionRefusedError, CustomsKeyRejectedError, CustomsQuotaExhaustedError, CustomsRetriesExhaustedError, CustomsTimeoutError } from './customs-import.errors';
import { HsTree } from './domain/hs-tree';
import { decideJob, isActive, JobCommand } from './domain/import-job';
import { planImport, splitUnit } from './domain/import-planner';
import { decideUnit, isTerminal, TERMINAL_UNIT_STATES, UnitCommand } from './domain/unit-progress';
import { CustomsFetcher } from './infrastructure/customs-fetcher';
import { CustomsWorkQueues } from './infrastructure/customs-work-queues';
import { ImportJob, ImportJobRepository, ImportJobUnit, UnitSideEffects } from './infrastructure/import-job.repository';
import { UnitProcessor } from './unit-processor';
import { HS_TREE } from './customs-import.tokens';

/** A stale request message (its publisher died before it was sent) is sent again after this long. */
const REQUEST_RESEND_AFTER_MS = 30_000;

/**
 * The three steps of an import, one per work queue. Each step reloads what it needs, decides, and
 * saves by compare-and-set; when the save loses (an earlier delivery or another instance got there
 * first) it reloads and goes on from what it finds, so a redelivered message never applies twice.
 */
@Injectable()
export class CustomsImportWorker {
  private readonly logger = new Logger('CustomsImport');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HS_TREE) private readonly tree: HsTree,
    private readonly jobs: ImportJobRepository,
    private readonly queues: CustomsWorkQueues,
    private readonly fetcher: CustomsFetcher,
    private readonly processor: UnitProcessor,
    private readonly clock: Clock,
  ) {}

  /** request: plan the units, then send each pending unit to fetch. */
  async request(importId: string): Promise<void> {
    const job = await this.jobs.findJob(importId);
    if (job === undefined) return;
    if (job.progress.state === 'requested') {
      const units = planImport({ months: job.months, hsPrefixes: job.hsPrefixes ?? undefined }, this.tree);
      if (!(await this.jobs.saveJob(job.id, decideJob(job.progress, { type: 'plan' }), job.progress.version, this.clock.now(), units))) return this.request(importId);
      this.logger.log({ importId, units: units.length }, 'customs import planned');
    }
    if (job.progress.state === 'requested' || job.progress.state === 'running') await this.sendPending(importId);
  }

  /** fetch: one call for one unit, its rows stored with the unit's move to fetched. */
  async fetch(importId: string, key: string): Promise<void> {
    const [job, unit] = await Promise.all([this.jobs.findJob(importId), this.jobs.findUnit(importId, key)]);
    if (job === undefined || unit === undefined) return;
    if (unit.progress.state === 'fetched' || unit.progress.state === 'applying') return this.queues.publish('process', [{ importId, unitKey: key }]);
    // A paused job's units stay pending: the resumer sends them again when the quota resets.
    if (unit.progress.state !== 'pending' || job.progress.state !== 'running') return;
    try {
      const fetched = await this.fetcher.fetch(unit.unit);
      if (fetched.rows.length > this.config.CUSTOMS_UNIT_MAX_ROWS && (await this.split(unit, 'CUSTOMS_IMPORT.UNIT_TOO_LARGE', `${fetched.rows.length} rows, more than CUSTOMS_UNIT_MAX_ROWS`))) return;
      if (await this.saveUnit(unit, { type: 'record-fetch', rows: fetched.rows.length }, { payload: fetched })) await this.queues.publish('process', [{ importId, unitKey: key }]);
      else await this.fetch(importId, key);
    } catch (error) {
      if (!(error instanceof CustomsApiError)) throw error;
      await this.fetchFailed(job, unit, error);
    }
  }

  /** process: verify, reconcile and apply, then done. */
  async process(importId: string, key: string): Promise<void> {
    const [job, unit] = await Promise.all([this.jobs.findJob(importId), this.jobs.findUnit(importId, key)]);
    if (job === undefined || unit === undefined || !isActive(job.progress.state)) return;
    if (isTerminal(unit.progress.state)) return this.completeIfFinished(importId);
    if (unit.progress.state === 'pending') return;
    const outcome = await this.processor.process(job, unit);
    if (outcome === 'lost-race') return this.process(importId, key);
    await this.completeIfFinished(importId);
  }

  /** Paused jobs whose quota has reset run again; requests whose message was never sent are sent. */
  async resumeDue(): Promise<void> {
    const now = this.clock.now();
    for (const job of await this.jobs.jobsIn(['paused'], new Date(8.64e15))) {
      if (job.progress.pausedUntil !== null && job.progress.pausedUntil > now) continue;
      if (await this.saveJob(job, { type: 'resume', now })) {
        this.logger.log({ importId: job.id }, 'customs import resumed after the quota reset');
        await this.sendPending(job.id);
      }
    }
    const stale = await this.jobs.jobsIn(['requested'], new Date(Date.now() - REQUEST_RESEND_AFTER_MS));
    if (stale.length > 0) await this.queues.publish('request', stale.map((job) => ({ importId: job.id })));
  }

  async sendPending(importId: string): Promise<void> {
    const pending = await this.jobs.units(importId, ['pending']);
    await this.queues.publish('fetch', pending.map((unit) => ({ importId, unitKey: unit.key })));
    await this.completeIfFinished(importId);
  }

  private async fetchFailed(job: ImportJob, unit: ImportJobUnit, error: CustomsApiError): Promise<void> {
    if (error instanceof CustomsQuotaExhaustedError) {
      await this.saveJob(job, { type: 'pause', until: error.resetsAt, reason: `the daily quota of the customs service is used up (${error.code})` });
      this.logger.warn({ importId: job.id, resumesAt: error.resetsAt.toISOString() }, 'customs import paused until the quota resets');
      return;
    }
    if (error instanceof CustomsKeyRejectedError) {
      await this.saveJob(job, { type: 'fail', code: error.code, message: error.message, now: this.clock.now() });
      this.logger.error({ importId: job.id, code: error.code }, error.message);
      return;
    }
    if (isSlow(error) && (await this.split(unit, error.code, error.message))) return;
    const failed = await this.saveUnit(unit, { type: 'record-failure', code: error.code, message: error.message, maxAttempts: this.config.CUSTOMS_UNIT_MAX_ATTEMPTS });
    if (!failed) return;
    const after = await this.jobs.findUnit(job.id, unit.key);
    if (after?.progress.state === 'pending') await this.queues.publish('fetch', [{ importId: job.id, unitKey: unit.key }]);
    else await this.completeIfFinished(job.id);
  }

  /** Replaces the unit by its parts; false when it cannot be split (one code, one month). */
  private async split(unit: ImportJobUnit, code: string, message: string): Promise<boolean> {
    const parts = splitUnit(unit.unit, this.tree);
    if (parts === undefined) return false;
    if (await this.saveUnit(unit, { type: 'split', code, message }, { children: parts })) {
      this.logger.log({ importId: unit.importId, unit: unit.key, parts: parts.length }, 'customs import unit split');
      await this.sendPending(unit.importId);
    }
    return true;
  }

  private async completeIfFinished(importId: string): Promise<void> {
    if (await this.jobs.completeIfFinished(importId, TERMINAL_UNIT_STATES, this.clock.now())) this.logger.log({ importId }, 'customs import completed');
  }

  private saveUnit(unit: ImportJobUnit, command: UnitCommand, effects?: UnitSideEffects): Promise<boolean> {
    return this.jobs.saveUnit(unit, decideUnit(unit.progress, command), this.clock.now(), effects);
  }

  /** False when the job has moved on (another instance paused or failed it first): nothing to do. */
  private async saveJob(job: ImportJob, command: JobCommand): Promise<boolean> {
    let next;
    try {
      next = decideJob(job.progress, command);
    } catch (error) {
      if (error instanceof JobTransitionRefusedError) return false;
      throw error;
    }
    if (next === job.progress) return false;
    return this.jobs.saveJob(job.id, next, job.progress.version, this.clock.now());
  }
}

/** Too slow for one call: a timeout (ours, or the gateway's reason 5) that outlasted the retries. */
function isSlow(error: CustomsApiError): boolean {
  const last = error instanceof CustomsRetriesExhaustedError ? error.lastError : error;
  return last instanceof CustomsTimeoutError || (last instanceof CustomsGatewayError && last.reasonCode === '5');
}
