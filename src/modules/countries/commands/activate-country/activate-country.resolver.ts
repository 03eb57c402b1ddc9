import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { ActivateCountryCommand } from './activate-country.command';

@Resolver()
export class ActivateCountryResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('activateCountry')
  @RequireRole('operator')
  activate(
    @Args('code') code: string,
    @Args('expectedVersion') expectedVersion: number | null,
    @Context() context: RequestContext,
  ): Promise<WriteResult> {
    return this.commands.execute(new ActivateCountryCommand({ code, expectedVersion }, commandMetadata(context)));
  }
}
