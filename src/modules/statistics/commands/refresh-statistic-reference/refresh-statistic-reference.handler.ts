import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StatisticReferenceCache } from '../../infrastructure/statistic-reference.cache';
import { RefreshStatisticReferenceCommand } from './refresh-statistic-reference.command';

@CommandHandler(RefreshStatisticReferenceCommand)
export class RefreshStatisticReferenceHandler implements ICommandHandler<RefreshStatisticReferenceCommand> {
  constructor(private readonly cache: StatisticReferenceCache) {}

  execute(): Promise<void> {
    return this.cache.refresh();
  }
}
