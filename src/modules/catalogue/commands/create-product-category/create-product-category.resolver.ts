import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { CreateProductCategoryCommand, type CreateProductCategoryInput } from './create-product-category.command';

@Resolver()
export class CreateProductCategoryResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('createProductCategory')
  @RequireRole('operator')
  create(@Args('input') input: CreateProductCategoryInput, @Context() context: RequestContext): Promise<WriteResult> {
    return this.commands.execute(new CreateProductCategoryCommand(input, commandMetadata(context)));
  }
}
