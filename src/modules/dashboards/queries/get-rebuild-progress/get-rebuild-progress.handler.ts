import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RebuildRuns } from '../../rebuild/rebuild-runs';
import { GetRebuildProgressQuery, rebuildProgressView, type RebuildProgressView } from './get-rebuild-progress.query';

@QueryHandler(GetRebuildProgressQuery)
export class GetRebuildProgressHandler implements IQueryHandler<GetRebuildProgressQuery> {
  constructor(private readonly runs: RebuildRuns) {}

  async execute(): Promise<RebuildProgressView | null> {
    const run = await this.runs.latest();
    return run ? rebuildProgressView(run) : null;
  }
}
