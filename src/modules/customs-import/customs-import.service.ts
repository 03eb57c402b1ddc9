import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ValidationError } from '../../kernel/domain-error';
import { Period } from '../../kernel/period';
import { Clock } from '../../platform/cqrs/clock';
import { CustomsImportNotFoundError, CustomsKeyRejectedError, UnitTransitionRefusedError } from './customs-import.errors';
import { HS_TREE } from './customs-import.tokens';
import { CustomsImportView, importView } from './customs-import.view';
import { CustomsImportWorker } from './customs-import.worker';
import { HsTree } from './domain/hs-tree';
import { decideJob, isActive, newJobProgress } from './domain/import-job';
import { planImport } from './domain/import-planner';
import { MonthRange } from './domain/month-range';
import { decideUnit, TERMINAL_UNIT_STATES } from './domain/unit-progress';
import { CustomsCallGate } from './infrastructure/customs-call-gate';
import { CustomsWorkQueues } from './infrastructure/customs-work-queues';
import { ImportJobRepository } from './infrastructure/import-job.repository';
import type { ScheduledFiring, ScheduledImportStarter } from './schedule/scheduled-import-starter';

export interface StartImportInput {
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`. */
  readonly months: string;
  /** HS codes of 2, 4, 6 or 10 digits; absent means every chapter. */
  readonly hsCodes?: readonly string[];
  /** Who asked (the operator's actor name, `schedule`, `cli:...`): the actor of every event. */
  readonly actor: string;
  /** The request's correlation id, carried by every event the import writes; a new one when absent. */
  readonly correlationId?: string;
  /** The schedule occurrence starting it; an import already started under it is answered instead. */
  readonly firingKey?: string;
}

/** What a GraphQL resolver, the CLI or a schedule calls: start, follow, replay. */
@Injectable()
export class CustomsImportService implements ScheduledImportStarter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HS_TREE) private readonly tree: HsTree,
    private readonly jobs: ImportJobRepository,
    private readonly queues: CustomsWorkQueues,
    private readonly worker: CustomsImportWorker,
    private readonly gate: CustomsCallGate,
    private readonly clock: Clock,
  ) {}

  async start(input: StartImportInput): Promise<CustomsImportView> {
    if (!this.config.CUSTOMS_SERVICE_KEY) throw new CustomsKeyRejectedError('CUSTOMS_SERVICE_KEY is not set');
    const now = this.clock.now();
    const months = MonthRange.parse(input.months);
    const current = Period.containing(now);
    if (months.last.isAfter(now)) throw new ValidationError('months', `must not reach past ${current}, the current month in Korea`);
    // Planned here only to refuse bad HS codes before anything is stored; the request step plans again.
    planImport({ months, hsPrefixes: input.hsCodes }, this.tree);
    const id = randomUUID();
    await this.jobs.create({
      id,
      correlationId: input.correlationId ?? randomUUID(),
      months,
      hsPrefixes: input.hsCodes === undefined ? null : [...input.hsCodes],
      requestedBy: input.actor,
      requestedAt: now,
      updatedAt: now,
      progress: newJobProgress(),
      firingKey: input.firingKey ?? null,
    });
    await this.queues.publish('request', [{ importId: id }]);
    return this.get(id);
  }

  async get(id: string): Promise<CustomsImportView> {
    const job = await this.jobs.findJob(id);
    if (job === undefined) throw new CustomsImportNotFoundError(id);
    return importView(job, await this.jobs.units(id), await this.gate.quotaUsed(this.clock.now()));
  }

  async list(limit = 20): Promise<CustomsImportView[]> {
    const jobs = await this.jobs.listJobs(limit);
    const used = await this.gate.quotaUsed(this.clock.now());
    return Promise.all(jobs.map(async (job) => importView(job, await this.jobs.units(job.id), used)));
  }

  /** A page of imports, newest first, after the import `after` names (requested at, id). */
  async page(limit: number, after?: { requestedAt: Date; id: string }): Promise<CustomsImportView[]> {
    const jobs = await this.jobs.pageJobs(limit, after);
    const used = await this.gate.quotaUsed(this.clock.now());
    return Promise.all(jobs.map(async (job) => importView(job, await this.jobs.units(job.id), used)));
  }

  /** Sends a dead-lettered or refused unit back to fetch; a completed import runs again for it. */
  async replayUnit(id: string, unitKey: string): Promise<CustomsImportView> {
    const [job, unit] = await Promise.all([this.jobs.findJob(id), this.jobs.findUnit(id, unitKey)]);
    if (job === undefined) throw new CustomsImportNotFoundError(id);
    if (unit === undefined) throw new ValidationError('unitKey', `import ${id} has no unit ${unitKey}`);
    const reopened = decideJob(job.progress, { type: 'reopen' });
    if (reopened !== job.progress && !(await this.jobs.saveJob(id, reopened, job.progress.version, this.clock.now()))) return this.replayUnit(id, unitKey);
    try {
      if (!(await this.jobs.saveUnit(unit, decideUnit(unit.progress, { type: 'replay' }), this.clock.now(), { dropPayload: true }))) return this.replayUnit(id, unitKey);
    } catch (error) {
      if (error instanceof UnitTransitionRefusedError) throw new ValidationError('unitKey', `unit ${unitKey} is ${unit.progress.state}; only a dead-lettered or refused unit can be replayed`);
      throw error;
    }
    await this.queues.publish('fetch', [{ importId: id, unitKey }]);
    return this.get(id);
  }

  /** The schedule's entry: every chapter of the firing's month, once per firing key. */
  async startScheduled(firing: ScheduledFiring): Promise<{ readonly importId: string }> {
    const existing = await this.jobs.findByFiringKey(firing.firingKey);
    if (existing !== undefined) return { importId: existing.id };
    try {
      return { importId: (await this.start({ months: String(firing.month), actor: 'schedule', firingKey: firing.firingKey })).id };
    } catch (error) {
      // Two claimers raced past the lookup: the unique key kept one import; answer it.
      const raced = isUniqueViolation(error) ? await this.jobs.findByFiringKey(firing.firingKey) : undefined;
      if (raced === undefined) throw error;
      return { importId: raced.id };
    }
  }

  /** Ends a dead-lettered or refused unit without importing it: the operator gives up on it. */
  async cancelUnit(id: string, unitKey: string): Promise<CustomsImportView> {
    const unit = await this.jobs.findUnit(id, unitKey);
    if (unit === undefined) {
      if ((await this.jobs.findJob(id)) === undefined) throw new CustomsImportNotFoundError(id);
      throw new ValidationError('unitKey', `import ${id} has no unit ${unitKey}`);
    }
    if (unit.progress.state !== 'dead_lettered' && unit.progress.state !== 'refused') {
      throw new ValidationError('unitKey', `unit ${unitKey} is ${unit.progress.state}; only a dead-lettered or refused unit can be cancelled`);
    }
    if (!(await this.jobs.saveUnit(unit, decideUnit(unit.progress, { type: 'cancel' }), this.clock.now(), { dropPayload: true }))) return this.cancelUnit(id, unitKey);
    await this.jobs.completeIfFinished(id, TERMINAL_UNIT_STATES, this.clock.now());
    return this.get(id);
  }

  /**
   * Stops an import that has not ended: no further unit is fetched or applied. A unit being
   * applied at that moment may have written part of its scope; importing the months again
   * reconciles it.
   */
  async cancel(id: string): Promise<CustomsImportView> {
    const job = await this.jobs.findJob(id);
    if (job === undefined) throw new CustomsImportNotFoundError(id);
    if (!isActive(job.progress.state)) throw new ValidationError('id', `import ${id} is ${job.progress.state}; only a requested, running or paused import can be cancelled`);
    const next = decideJob(job.progress, { type: 'cancel', now: this.clock.now() });
    if (!(await this.jobs.saveJob(id, next, job.progress.version, this.clock.now()))) return this.cancel(id);
    return this.get(id);
  }

  /** Resumes paused imports whose quota has reset (the workers' timer calls it too). */
  resumeDue(): Promise<void> {
    return this.worker.resumeDue();
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
