import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError, type ErrorCategory } from '../../kernel/domain-error';
import { Clock } from '../../platform/cqrs/clock';
import type { EventMetadata } from '../../platform/event-log/event-log.types';
import { GetStatisticsInScopeQuery, RecordExportStatisticsBatchCommand, RetractExportStatisticsBatchCommand } from '../statistics';
import { PARTNER_REFERENCE } from './customs-import.tokens';
import { ReconcilePlan, reconcileScope } from './domain/reconcile-scope';
import { SourceRow } from './domain/source-row';
import { decideUnit, UnitCommand } from './domain/unit-progress';
import { findUnknownPartners, PartnerReference, verifyUnit } from './domain/unit-verification';
import { ImportJob, ImportJobRepository, ImportJobUnit } from './infrastructure/import-job.repository';

const RETRACTION_REASON = 'no longer in the customs source';

/**
 * The process step of one fetched unit: verified against the grand total (refused with both figures
 * if it disagrees, nothing applied), then its scope made equal to the source through the statistics
 * context's batch commands, in chunks, with the job's correlation id. The counts are fixed when the
 * unit starts applying; applying again after a crash writes only what is still missing.
 */
@Injectable()
export class UnitProcessor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PARTNER_REFERENCE) private readonly partners: PartnerReference,
    private readonly jobs: ImportJobRepository,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async process(job: ImportJob, unit: ImportJobUnit): Promise<'done' | 'refused' | 'lost-race'> {
    const fetched = await this.jobs.payload(job.id, unit.key);
    if (fetched === undefined) throw new Error(`unit ${unit.key} of import ${job.id} is ${unit.progress.state} but its rows are gone`);
    let applying = unit;
    let refusal: DomainError | null;
    if (unit.progress.state === 'fetched') {
      const verdict = verifyUnit(unit.unit, fetched.total, fetched.rows);
      if (!verdict.ok) {
        const saved = await this.save(unit, { type: 'refuse', code: verdict.code, message: verdict.reason, checksum: verdict.checksum }, true);
        return saved ? 'refused' : 'lost-race';
      }
      const plan = await this.plan(unit, fetched.rows);
      const command: UnitCommand = { type: 'start-applying', counts: plan.counts, unknownPartners: findUnknownPartners(fetched.rows, this.partners), checksum: verdict.checksum };
      if (!(await this.save(unit, command, false))) return 'lost-race';
      applying = { ...unit, progress: decideUnit(unit.progress, command) };
      refusal = await refusedForGood(() => this.apply(job, plan));
    } else {
      refusal = await refusedForGood(async () => this.apply(job, await this.plan(unit, fetched.rows)));
    }
    if (refusal !== null) {
      const command: UnitCommand = { type: 'refuse', code: refusal.code, message: refusalMessage(refusal), checksum: applying.progress.checksum };
      return (await this.save(applying, command, true)) ? 'refused' : 'lost-race';
    }
    return (await this.save(applying, { type: 'finish' }, true)) ? 'done' : 'lost-race';
  }

  private async plan(unit: ImportJobUnit, rows: readonly SourceRow[]): Promise<ReconcilePlan> {
    const { hsPrefix, months } = unit.unit;
    const current = await this.queries.execute(new GetStatisticsInScopeQuery(hsPrefix, String(months.first), String(months.last), 10));
    return reconcileScope(rows, current, this.partners);
  }

  private async apply(job: ImportJob, plan: ReconcilePlan): Promise<void> {
    const size = this.config.CUSTOMS_IMPORT_CHUNK_SIZE;
    for (let start = 0; start < plan.upserts.length; start += size) {
      await this.commands.execute(new RecordExportStatisticsBatchCommand(plan.upserts.slice(start, start + size), this.metadata(job)));
    }
    for (let start = 0; start < plan.retractions.length; start += size) {
      await this.commands.execute(new RetractExportStatisticsBatchCommand(plan.retractions.slice(start, start + size), RETRACTION_REASON, this.metadata(job)));
    }
  }

  private metadata(job: ImportJob): EventMetadata {
    return { correlationId: job.correlationId, causationId: randomUUID(), actor: job.requestedBy };
  }

  private save(unit: ImportJobUnit, command: UnitCommand, dropPayload: boolean): Promise<boolean> {
    return this.jobs.saveUnit(unit, decideUnit(unit.progress, command), this.clock.now(), { dropPayload });
  }
}

/**
 * What the statistics context refuses for good: retrying the same rows cannot succeed until someone
 * changes something (a partner or chapter not registered, a statistic recorded by hand at another
 * HS level). The unit is refused with the reason instead of being redelivered forever; a version
 * conflict or a duplicate is a race that planning again resolves, and is thrown like any outage.
 */
const REFUSED_FOR_GOOD: readonly ErrorCategory[] = ['VALIDATION', 'NOT_FOUND', 'CONFLICT'];

async function refusedForGood(apply: () => Promise<void>): Promise<DomainError | null> {
  try {
    await apply();
    return null;
  } catch (error) {
    if (error instanceof DomainError && REFUSED_FOR_GOOD.includes(error.category)) return error;
    throw error;
  }
}

function refusalMessage(error: DomainError): string {
  return `the statistics refused a chunk of this unit: ${error.message}. Chunks before it were applied; fix the cause, then replay the unit (it applies only what is still missing)`;
}
