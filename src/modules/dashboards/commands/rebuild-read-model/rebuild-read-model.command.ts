import { Command } from '@nestjs/cqrs';
import type { RebuildProgressView } from '../../queries/get-rebuild-progress/get-rebuild-progress.query';

/** Replays the event log into a new generation of the read model and swaps to it; answers once it has started. */
export class RebuildReadModelCommand extends Command<RebuildProgressView> {
  constructor(readonly requestedBy: string) {
    super();
  }
}
