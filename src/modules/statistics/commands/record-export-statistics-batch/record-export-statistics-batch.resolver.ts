import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { StatisticInput } from '../../statistic-input';
import { StatisticsBatchTooLargeError } from '../../statistics.errors';
import { BatchResult, RecordExportStatisticsBatchCommand } from './record-export-statistics-batch.command';

@Resolver()
export class RecordExportStatisticsBatchResolver {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Capped per mutation (BATCH_MUTATION_MAX_ITEMS): a request's batch is decided and held in memory
   * whole, so its size is bounded here; the import sends the command itself, in loads of its own.
   */
  @Mutation('recordExportStatistics')
  @RequireRole('operator')
  async recordMany(@Args('items') items: StatisticInput[], @Context() context: RequestContext): Promise<BatchResult> {
    const limit = this.config.BATCH_MUTATION_MAX_ITEMS;
    if (items.length > limit) throw new StatisticsBatchTooLargeError(items.length, limit);
    return this.commands.execute(new RecordExportStatisticsBatchCommand(items, commandMetadata(context)));
  }
}
