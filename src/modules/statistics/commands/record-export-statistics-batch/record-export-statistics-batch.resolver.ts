import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { StatisticInput } from '../../statistic-input';
import { BatchResult, RecordExportStatisticsBatchCommand } from './record-export-statistics-batch.command';

@Resolver()
export class RecordExportStatisticsBatchResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('recordExportStatistics')
  @RequireRole('operator')
  recordMany(@Args('items') items: StatisticInput[], @Context() context: RequestContext): Promise<BatchResult> {
    return this.commands.execute(new RecordExportStatisticsBatchCommand(items, commandMetadata(context)));
  }
}
