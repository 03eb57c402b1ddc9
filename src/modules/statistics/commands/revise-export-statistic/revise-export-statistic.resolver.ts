import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { ReviseExportStatisticCommand } from './revise-export-statistic.command';

@Resolver()
export class ReviseExportStatisticResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('reviseExportStatistic')
  @RequireRole('operator')
  revise(
    @Args('input') input: ReviseExportStatisticCommand['input'],
    @Context() context: RequestContext,
  ): Promise<WriteResult> {
    return this.commands.execute(new ReviseExportStatisticCommand(input, commandMetadata(context)));
  }
}
