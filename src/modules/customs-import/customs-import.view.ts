import type { ImportJob, ImportJobUnit } from './infrastructure/import-job.repository';
import type { JobState } from './domain/import-job';
import type { UnitChecksum, UnitState, UnknownPartner } from './domain/unit-progress';

export interface ImportUnitView {
  readonly key: string;
  readonly hsPrefix: string;
  readonly months: string;
  readonly parentKey: string | null;
  readonly state: UnitState;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly lastError: string | null;
  readonly fetched: number;
  readonly recorded: number;
  readonly revised: number;
  readonly retracted: number;
  readonly unchanged: number;
  readonly checksum: UnitChecksum | null;
  readonly unknownPartners: readonly UnknownPartner[];
}

export interface ImportCounts {
  readonly units: number;
  readonly unitsByState: Readonly<Partial<Record<UnitState, number>>>;
  readonly fetched: number;
  readonly recorded: number;
  readonly revised: number;
  readonly retracted: number;
  readonly unchanged: number;
  /** Rows not applied because their partner is unknown or contradicted by its name. */
  readonly unknownPartnerRows: number;
  readonly refused: number;
  readonly deadLettered: number;
}

/** An import as operators (GraphQL, CLI) see it. */
export interface CustomsImportView {
  readonly id: string;
  readonly correlationId: string;
  readonly months: string;
  readonly hsPrefixes: readonly string[] | null;
  readonly state: JobState;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly finishedAt: Date | null;
  /** While paused: when the quota resets and the import goes on, and why it waits. */
  readonly pausedUntil: Date | null;
  readonly pauseReason: string | null;
  readonly failureCode: string | null;
  readonly failure: string | null;
  readonly counts: ImportCounts;
  /** Calls counted against today's quota (all imports of this deployment). */
  readonly quotaUsedToday: number;
  readonly units: readonly ImportUnitView[];
}

export function unitView({ key, unit, parentKey, progress }: ImportJobUnit): ImportUnitView {
  const { state, attempts, lastErrorCode, lastError, fetched, recorded, revised, retracted, unchanged, checksum, unknownPartners } = progress;
  return { key, hsPrefix: unit.hsPrefix, months: String(unit.months), parentKey, state, attempts, lastErrorCode, lastError, fetched, recorded, revised, retracted, unchanged, checksum, unknownPartners };
}

export function importView(job: ImportJob, units: readonly ImportJobUnit[], quotaUsedToday: number): CustomsImportView {
  const views = units.map(unitView);
  const sum = (pick: (unit: ImportUnitView) => number): number => views.reduce((total, unit) => total + pick(unit), 0);
  const unitsByState: Partial<Record<UnitState, number>> = {};
  for (const unit of views) unitsByState[unit.state] = (unitsByState[unit.state] ?? 0) + 1;
  const { progress } = job;
  return {
    id: job.id,
    correlationId: job.correlationId,
    months: String(job.months),
    hsPrefixes: job.hsPrefixes,
    state: progress.state,
    requestedBy: job.requestedBy,
    requestedAt: job.requestedAt,
    finishedAt: progress.finishedAt,
    pausedUntil: progress.pausedUntil,
    pauseReason: progress.pauseReason,
    failureCode: progress.failureCode,
    failure: progress.failure,
    counts: {
      units: views.length,
      unitsByState,
      // A split unit's rows (if any were fetched) are counted by its parts.
      fetched: sum((unit) => (unit.state === 'split' ? 0 : unit.fetched)),
      recorded: sum((unit) => unit.recorded),
      revised: sum((unit) => unit.revised),
      retracted: sum((unit) => unit.retracted),
      unchanged: sum((unit) => unit.unchanged),
      unknownPartnerRows: sum((unit) => unit.unknownPartners.reduce((rows, partner) => rows + partner.rows, 0)),
      refused: unitsByState.refused ?? 0,
      deadLettered: unitsByState.dead_lettered ?? 0,
    },
    quotaUsedToday,
    units: views,
  };
}
