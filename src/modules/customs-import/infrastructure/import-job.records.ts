import type { ImportUnit } from '../domain/import-unit';
import type { JobProgress } from '../domain/import-job';
import type { MonthRange } from '../domain/month-range';
import type { SourceRow } from '../domain/source-row';
import type { UnitProgress } from '../domain/unit-progress';
import type { SourceTotal } from '../domain/unit-verification';

/** What a fetch brought: the grand total's export figures (absent without trade) and the rows. */
export interface FetchedUnit {
  readonly total: SourceTotal | undefined;
  readonly rows: readonly SourceRow[];
}

export interface ImportJob {
  readonly id: string;
  readonly correlationId: string;
  readonly months: MonthRange;
  readonly hsPrefixes: readonly string[] | null;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly updatedAt: Date;
  readonly progress: JobProgress;
  /** The schedule occurrence that started it (unique), absent when an operator did. */
  readonly firingKey?: string | null;
}

export interface ImportJobUnit {
  readonly importId: string;
  readonly key: string;
  readonly unit: ImportUnit;
  readonly parentKey: string | null;
  readonly updatedAt: Date;
  readonly progress: UnitProgress;
}
