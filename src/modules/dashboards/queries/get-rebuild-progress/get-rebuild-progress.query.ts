import { Query } from '@nestjs/cqrs';
import type { RebuildRun } from '../../rebuild/rebuild-runs';

export interface RebuildProgressView {
  readonly id: string;
  readonly status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  readonly phase: string;
  readonly fromGeneration: number | null;
  readonly toGeneration: number;
  readonly totalEvents: number;
  readonly processedEvents: number;
  readonly requestedBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

export function rebuildProgressView(run: RebuildRun): RebuildProgressView {
  return { ...run, status: run.status === 'running' ? 'RUNNING' : run.status === 'completed' ? 'COMPLETED' : 'FAILED' };
}

/** The latest rebuild of this deployment's read model, running or finished; null if there never was one. */
export class GetRebuildProgressQuery extends Query<RebuildProgressView | null> {}
