import { Query } from '@nestjs/cqrs';
import type { RebuildRun } from '../../rebuild/rebuild-runs';

/** A rebuild run as the API shows it: the run itself, its status in the schema's enum spelling. */
export type RebuildProgressView = Omit<RebuildRun, 'status'> & { readonly status: 'RUNNING' | 'COMPLETED' | 'FAILED' };

export function rebuildProgressView(run: RebuildRun): RebuildProgressView {
  return { ...run, status: run.status === 'running' ? 'RUNNING' : run.status === 'completed' ? 'COMPLETED' : 'FAILED' };
}

/** The latest rebuild of this deployment's read model, running or finished; null if there never was one. */
export class GetRebuildProgressQuery extends Query<RebuildProgressView | null> {}
