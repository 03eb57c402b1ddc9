import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { RetractExportStatisticCommand } from './retract-export-statistic.command';

@Resolver()
export class RetractExportStatisticResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('retractExportStatistic')
  @RequireRole('operator')
  retract(
    @Args('input') input: RetractExportStatisticCommand['input'],
    @Context() context: RequestContext,
  ): Promise<WriteResult> {
    return this.commands.execute(new RetractExportStatisticCommand(input, commandMetadata(context)));
  }
}
