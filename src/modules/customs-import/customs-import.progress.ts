import type { JobState } from './domain/import-job';
import type { UnitState } from './domain/unit-progress';

export const CUSTOMS_IMPORT_PROGRESS = 'customsImportProgress';

/**
 * What `customsImportProgress` carries: a state change of the import or of one of its units, as
 * committed (published in the transaction that made it). For counts and checksums, query
 * `customsImport(id)`: the change says when to.
 */
export interface CustomsImportProgress {
  readonly importId: string;
  readonly state: Uppercase<JobState>;
  readonly version: number;
  /** The unit whose state changed; null when the import's own state did. */
  readonly unit: { readonly id: string; readonly state: Uppercase<UnitState>; readonly attempts: number } | null;
  readonly at: string;
}

export function jobProgress(importId: string, state: JobState, version: number, at: Date): CustomsImportProgress {
  return { importId, state: upper(state), version, unit: null, at: at.toISOString() };
}

export function unitProgress(
  importId: string,
  job: { state: JobState; version: number },
  unit: { key: string; state: UnitState; attempts: number },
  at: Date,
): CustomsImportProgress {
  return { importId, state: upper(job.state), version: job.version, unit: { id: unit.key, state: upper(unit.state), attempts: unit.attempts }, at: at.toISOString() };
}

export function selectImportProgress(importId: string) {
  return (payload: unknown): CustomsImportProgress | null => {
    const progress = payload as CustomsImportProgress | null;
    return progress && progress.importId === importId ? progress : null;
  };
}

function upper<S extends string>(state: S): Uppercase<S> {
  return state.toUpperCase() as Uppercase<S>;
}
