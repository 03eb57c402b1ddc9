import { CommandBus } from '@nestjs/cqrs';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { RebuildReadModelCommand } from './rebuild-read-model.command';

@Resolver()
export class RebuildReadModelResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('rebuildReadModel')
  @RequireRole('operator')
  rebuild(@Context() context: RequestContext) {
    return this.commands.execute(new RebuildReadModelCommand(context.principal.actor));
  }
}
