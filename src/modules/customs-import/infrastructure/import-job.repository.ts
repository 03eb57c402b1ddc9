import { Inject, Injectable } from '@nestjs/common';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PG_POOL, type SqlPool, type SqlPoolClient } from '../../../platform/database/pg-pool';
import { inTransaction } from '../../../platform/database/pg-transaction';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { CUSTOMS_IMPORT_PROGRESS, jobProgress, unitProgress } from '../customs-import.progress';
import { ImportUnit, unitKey } from '../domain/import-unit';
import { JobProgress, JobState } from '../domain/import-job';
import type { SourceTotal } from '../domain/unit-verification';
import { UnitProgress, UnitState } from '../domain/unit-progress';
import { LogDoorbell } from '../../../platform/event-log/log-doorbell';
import { CUSTOMS_IMPORT_MESSAGE_TYPES } from '../customs-import.contract';
import { appendImportOutcome, outcomeOf } from './import-outcome-events';
import { jobFromRow, JobRow, unitFromRow, UnitRow } from './import-job.rows';
import type { FetchedUnit, ImportJob, ImportJobUnit } from './import-job.records';

export type { FetchedUnit, ImportJob, ImportJobUnit } from './import-job.records';

/** What a unit's saved transition brings along, in the same transaction. */
export interface UnitSideEffects {
  /** The fetched grand total and rows, kept until the unit is applied. */
  readonly payload?: FetchedUnit;
  /** The parts a split unit is replaced by, inserted pending. */
  readonly children?: readonly ImportUnit[];
  /** The rows are no longer needed (applied or refused). */
  readonly dropPayload?: boolean;
}

/**
 * The import's tables. Every transition is a compare-and-set on the version the decision read: a
 * false return means another instance (or an earlier delivery of the same message) got there
 * first, and the caller reloads rather than applying anything twice.
 */
@Injectable()
export class ImportJobRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: SqlPool,
    /** `customsImportProgress` goes out in the transaction of each change: never one that rolled back. */
    private readonly live: LiveUpdates,
    private readonly doorbell: LogDoorbell,
  ) {}

  async create(job: ImportJob): Promise<void> {
    const { id, correlationId, months, hsPrefixes, requestedBy, requestedAt, progress, firingKey } = job;
    await this.pool.query(
      `insert into customs_import (id, correlation_id, first_month, last_month, hs_prefixes, state, version, requested_by, requested_at, updated_at, firing_key)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
      [id, correlationId, String(months.first), String(months.last), hsPrefixes, progress.state, progress.version, requestedBy, requestedAt, firingKey ?? null],
    );
    await this.live.publish(CUSTOMS_IMPORT_PROGRESS, [jobProgress(id, progress.state, progress.version, requestedAt)]);
  }

  /** The import a schedule occurrence started, if any. */
  async findByFiringKey(firingKey: string): Promise<ImportJob | undefined> {
    const { rows } = await this.pool.query<JobRow>('select * from customs_import where firing_key = $1', [firingKey]);
    return rows[0] && jobFromRow(rows[0]);
  }

  /** A page of imports, newest first, after the one with `after` (requested_at, id) when given. */
  async pageJobs(limit: number, after?: { requestedAt: Date; id: string }): Promise<ImportJob[]> {
    const { rows } = await this.pool.query<JobRow>(
      `select * from customs_import where $2::timestamptz is null or (requested_at, id) < ($2, $3::uuid)
       order by requested_at desc, id desc limit $1`,
      [limit, after?.requestedAt ?? null, after?.id ?? null],
    );
    return rows.map(jobFromRow);
  }

  async findJob(id: string): Promise<ImportJob | undefined> {
    const { rows } = await this.pool.query<JobRow>('select * from customs_import where id = $1', [id]);
    return rows[0] && jobFromRow(rows[0]);
  }

  async listJobs(limit: number): Promise<ImportJob[]> {
    const { rows } = await this.pool.query<JobRow>('select * from customs_import order by requested_at desc, id limit $1', [limit]);
    return rows.map(jobFromRow);
  }

  /** Jobs whose state is one of `states` and that were last changed before `before`. */
  async jobsIn(states: readonly JobState[], before: Date): Promise<ImportJob[]> {
    const { rows } = await this.pool.query<JobRow>('select * from customs_import where state = any($1) and updated_at <= $2 order by requested_at', [states, before]);
    return rows.map(jobFromRow);
  }

  /**
   * Saves a job's transition; with `units`, inserts them pending in the same transaction (planning).
   * A transition to an outcome (completed, failed, paused) appends its event in that transaction.
   */
  async saveJob(id: string, next: JobProgress, expectedVersion: number, at: Date, units: readonly ImportUnit[] = []): Promise<boolean> {
    const outcome = outcomeOf(next.state);
    const saved = await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `update customs_import set state = $3, version = $4, paused_until = $5, pause_reason = $6, failure_code = $7, failure = $8, finished_at = $9, updated_at = $10
         where id = $1 and version = $2`,
        [id, expectedVersion, next.state, next.version, next.pausedUntil, next.pauseReason, next.failureCode, next.failure, next.finishedAt, at],
      );
      if (rowCount !== 1) return false;
      await insertUnits(client, id, units, null, at);
      await client.query(this.live.notification(CUSTOMS_IMPORT_PROGRESS, jobProgress(id, next.state, next.version, at)));
      if (outcome) await appendImportOutcome(client, id, outcome, at);
      return true;
    });
    if (saved && outcome) this.doorbell.ring();
    return saved;
  }

  /**
   * Completes a running job, only when none of its units can move any more, and appends
   * CustomsImportCompleted in the same transaction.
   */
  async completeIfFinished(id: string, terminal: readonly UnitState[], at: Date): Promise<boolean> {
    const completed = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ version: number }>(
        `update customs_import set state = 'completed', version = version + 1, finished_at = $3, updated_at = $3
         where id = $1 and state = 'running'
           and not exists (select 1 from customs_import_unit where import_id = $1 and state <> all($2))
         returning version`,
        [id, terminal, at],
      );
      if (rows.length !== 1) return false;
      await appendImportOutcome(client, id, CUSTOMS_IMPORT_MESSAGE_TYPES.completed, at);
      await client.query(this.live.notification(CUSTOMS_IMPORT_PROGRESS, jobProgress(id, 'completed', rows[0].version, at)));
      return true;
    });
    if (completed) this.doorbell.ring();
    return completed;
  }

  async findUnit(importId: string, key: string): Promise<ImportJobUnit | undefined> {
    const { rows } = await this.pool.query<UnitRow>('select * from customs_import_unit where import_id = $1 and unit_key = $2', [importId, key]);
    return rows[0] && unitFromRow(rows[0]);
  }

  async units(importId: string, states?: readonly UnitState[]): Promise<ImportJobUnit[]> {
    const { rows } = await this.pool.query<UnitRow>(
      'select * from customs_import_unit where import_id = $1 and ($2::text[] is null or state = any($2)) order by hs_prefix, first_month',
      [importId, states ?? null],
    );
    return rows.map(unitFromRow);
  }

  async saveUnit(current: ImportJobUnit, next: UnitProgress, at: Date, effects: UnitSideEffects = {}): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        `update customs_import_unit set state = $4, version = $5, attempts = $6, last_error_code = $7, last_error = $8, fetched = $9,
           recorded = $10, revised = $11, retracted = $12, unchanged = $13, unknown_rows = $14, unknown_partners = $15,
           source_value_usd = $16, source_weight_kg = $17, rows_value_usd = $18, rows_weight_kg = $19, updated_at = $20
         where import_id = $1 and unit_key = $2 and version = $3`,
        [
          current.importId, current.key, current.progress.version,
          next.state, next.version, next.attempts, next.lastErrorCode, next.lastError, next.fetched,
          next.recorded, next.revised, next.retracted, next.unchanged,
          next.unknownPartners.reduce((sum, partner) => sum + partner.rows, 0), JSON.stringify(next.unknownPartners),
          next.checksum?.sourceValueUsd ?? null, next.checksum?.sourceWeightKg ?? null, next.checksum?.rowsValueUsd ?? null, next.checksum?.rowsWeightKg ?? null,
          at,
        ],
      );
      if (rowCount !== 1) return false;
      if (effects.payload !== undefined) {
        await client.query(
          `insert into customs_import_payload (import_id, unit_key, row_count, rows) values ($1, $2, $3, $4)
           on conflict (import_id, unit_key) do update set row_count = excluded.row_count, rows = excluded.rows`,
          [current.importId, current.key, effects.payload.rows.length, packRows(effects.payload)],
        );
      }
      if (effects.dropPayload) await client.query('delete from customs_import_payload where import_id = $1 and unit_key = $2', [current.importId, current.key]);
      await insertUnits(client, current.importId, effects.children ?? [], current.key, at);
      const job = await client.query<{ state: JobState; version: number }>('select state, version from customs_import where id = $1', [current.importId]);
      if (job.rows[0]) {
        const change = unitProgress(current.importId, job.rows[0], { key: current.key, state: next.state, attempts: next.attempts }, at);
        await client.query(this.live.notification(CUSTOMS_IMPORT_PROGRESS, change));
      }
      return true;
    });
  }

  async payload(importId: string, key: string): Promise<FetchedUnit | undefined> {
    const { rows } = await this.pool.query<{ rows: Buffer }>('select rows from customs_import_payload where import_id = $1 and unit_key = $2', [importId, key]);
    return rows[0] && unpackRows(rows[0].rows);
  }


}

async function insertUnits(client: SqlPoolClient, importId: string, units: readonly ImportUnit[], parentKey: string | null, at: Date): Promise<void> {
  if (units.length === 0) return;
  await client.query(
    `insert into customs_import_unit (import_id, unit_key, hs_prefix, first_month, last_month, parent_key, state, version, updated_at)
     select $1, key, prefix, first_month, last_month, $5, 'pending', 1, $6
     from unnest($2::text[], $3::text[], $4::text[], $7::text[]) as u(key, prefix, first_month, last_month)
     on conflict (import_id, unit_key) do nothing`,
    [importId, units.map(unitKey), units.map((unit) => unit.hsPrefix), units.map((unit) => String(unit.months.first)), parentKey, at, units.map((unit) => String(unit.months.last))],
  );
}

/** The total, then one JSON array per row, gzipped: a chapter's month is a few hundred kilobytes. */
function packRows({ total, rows }: FetchedUnit): Buffer {
  const lines = [JSON.stringify(total ?? null), ...rows.map((row) => JSON.stringify([row.partner, row.partnerName, row.hsCode, row.period, row.valueUsd, row.weightKg]))];
  return gzipSync(lines.join('\n'));
}

function unpackRows(packed: Buffer): FetchedUnit {
  const [first, ...lines] = gunzipSync(packed).toString('utf8').split('\n');
  const total = (JSON.parse(first) as SourceTotal | null) ?? undefined;
  const rows = lines.map((line) => {
    const [partner, partnerName, hsCode, period, valueUsd, weightKg] = JSON.parse(line) as string[];
    return { partner, partnerName, hsCode, period, valueUsd, weightKg };
  });
  return { total, rows };
}

