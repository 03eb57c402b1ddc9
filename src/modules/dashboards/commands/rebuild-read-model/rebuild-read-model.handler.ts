import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { ReadModelRebuilder } from '../../rebuild/read-model-rebuilder';
import { rebuildProgressView, type RebuildProgressView } from '../../queries/get-rebuild-progress/get-rebuild-progress.query';
import { RebuildReadModelCommand } from './rebuild-read-model.command';

/**
 * Claims the rebuild and creates the new indexes before answering (so a second request is refused
 * at once), then replays in the background; rebuildProgress follows it. Queries keep reading the
 * current generation until the aliases swap.
 */
@CommandHandler(RebuildReadModelCommand)
export class RebuildReadModelHandler implements ICommandHandler<RebuildReadModelCommand> {
  private readonly logger = new Logger('RebuildReadModel');

  constructor(
    private readonly rebuilder: ReadModelRebuilder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ requestedBy }: RebuildReadModelCommand): Promise<RebuildProgressView> {
    const { run, target } = await this.rebuilder.begin(requestedBy);
    // Not awaited: the client follows rebuildProgress. A process that dies mid-way leaves the run
    // without heartbeat, and the next rebuild marks it failed and starts over (RebuildRuns.begin).
    void this.rebuilder
      .complete(run, target, { batchSize: this.config.REBUILD_BATCH_SIZE })
      .catch((error: unknown) => this.logger.error(`rebuild ${run.id} failed: ${String(error)}`));
    return rebuildProgressView(run);
  }
}
