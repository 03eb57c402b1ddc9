import { MonthRange } from '../domain/month-range';
import { Period } from '../../../kernel/period';
import { importUnit } from '../domain/import-unit';
import type { JobState } from '../domain/import-job';
import type { UnitState, UnknownPartner } from '../domain/unit-progress';
import type { ImportJob, ImportJobUnit } from './import-job.records';

export interface JobRow {
  id: string;
  correlation_id: string;
  first_month: string;
  last_month: string;
  hs_prefixes: string[] | null;
  state: JobState;
  version: number;
  requested_by: string;
  paused_until: Date | null;
  pause_reason: string | null;
  failure_code: string | null;
  failure: string | null;
  requested_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface UnitRow {
  import_id: string;
  unit_key: string;
  hs_prefix: string;
  first_month: string;
  last_month: string;
  parent_key: string | null;
  state: UnitState;
  version: number;
  attempts: number;
  last_error_code: string | null;
  last_error: string | null;
  fetched: number;
  recorded: number;
  revised: number;
  retracted: number;
  unchanged: number;
  source_value_usd: string | null;
  source_weight_kg: string | null;
  rows_value_usd: string | null;
  rows_weight_kg: string | null;
  unknown_partners: UnknownPartner[];
  updated_at: Date;
}

const months = (first: string, last: string): MonthRange => MonthRange.of(Period.parse(first), Period.parse(last));

export function jobFromRow(row: JobRow): ImportJob {
  return {
    id: row.id,
    correlationId: row.correlation_id,
    months: months(row.first_month, row.last_month),
    hsPrefixes: row.hs_prefixes,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    progress: {
      state: row.state,
      version: row.version,
      pausedUntil: row.paused_until,
      pauseReason: row.pause_reason,
      failureCode: row.failure_code,
      failure: row.failure,
      finishedAt: row.finished_at,
    },
  };
}

export function unitFromRow(row: UnitRow): ImportJobUnit {
  const checksum =
    row.source_value_usd === null || row.source_weight_kg === null || row.rows_value_usd === null || row.rows_weight_kg === null
      ? null
      : { sourceValueUsd: row.source_value_usd, sourceWeightKg: row.source_weight_kg, rowsValueUsd: row.rows_value_usd, rowsWeightKg: row.rows_weight_kg };
  return {
    importId: row.import_id,
    key: row.unit_key,
    unit: importUnit(row.hs_prefix, months(row.first_month, row.last_month)),
    parentKey: row.parent_key,
    updatedAt: row.updated_at,
    progress: {
      state: row.state,
      version: row.version,
      attempts: row.attempts,
      lastErrorCode: row.last_error_code,
      lastError: row.last_error,
      fetched: row.fetched,
      recorded: row.recorded,
      revised: row.revised,
      retracted: row.retracted,
      unchanged: row.unchanged,
      checksum,
      unknownPartners: row.unknown_partners,
    },
  };
}
