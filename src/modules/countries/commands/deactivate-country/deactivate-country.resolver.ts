import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { DeactivateCountryCommand } from './deactivate-country.command';

@Resolver()
export class DeactivateCountryResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('deactivateCountry')
  @RequireRole('operator')
  deactivate(
    @Args('code') code: string,
    @Args('reason') reason: string,
    @Args('expectedVersion') expectedVersion: number | null,
    @Context() context: RequestContext,
  ): Promise<WriteResult> {
    return this.commands.execute(new DeactivateCountryCommand({ code, reason, expectedVersion }, commandMetadata(context)));
  }
}
