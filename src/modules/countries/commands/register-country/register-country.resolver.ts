import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { RequestContext } from '../../../../platform/auth/request-context';
import { commandMetadata } from '../../../../platform/cqrs/command-metadata';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { RegisterCountryCommand, type RegisterCountryInput } from './register-country.command';

@Resolver()
export class RegisterCountryResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation('registerCountry')
  @RequireRole('operator')
  register(@Args('input') input: RegisterCountryInput, @Context() context: RequestContext): Promise<WriteResult> {
    return this.commands.execute(new RegisterCountryCommand(input, commandMetadata(context)));
  }
}
