import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import type { StatisticInput } from '../../statistic-input';
import { RecordExportStatisticCommand } from './record-export-statistic.command';

@Resolver()
export class RecordExportStatisticResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('recordExportStatistic')
  @RequireRole('operator')
  record(@Args('input') input: StatisticInput, @Context() context: RequestContext): Promise<WriteResult> {
    return this.commands.execute(new RecordExportStatisticCommand(input, commandMetadata(context)));
  }
}
