import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { RenameProductCategoryCommand } from './rename-product-category.command';

@Resolver()
export class RenameProductCategoryResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('renameProductCategory')
  @RequireRole('operator')
  rename(
    @Args('input') input: RenameProductCategoryCommand['input'],
    @Context() context: RequestContext,
  ): Promise<WriteResult> {
    return this.commands.execute(new RenameProductCategoryCommand(input, commandMetadata(context)));
  }
}
