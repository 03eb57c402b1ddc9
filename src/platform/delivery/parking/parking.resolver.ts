import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../auth/roles.guard';
import type { RequestContext } from '../../auth/request-context';
import type { ReplayResult } from './parked-key-replayer';
import type { ParkedKeyView, ParkedMessageView } from './parking.queries';
import { ParkingOperations } from './parking-operations';

/** Operators' view of the parking store (schema.graphql, "Event delivery"). Operator role only. */
@Resolver('ParkedKey')
export class ParkingResolver {
  constructor(private readonly parking: ParkingOperations) {}

  @Query('parkedKeys')
  @RequireRole('operator')
  parkedKeys(@Args('limit', { type: () => Int }) limit: number): Promise<ParkedKeyView[]> {
    return this.parking.keys(limit);
  }

  @Query('parkedKey')
  @RequireRole('operator')
  parkedKey(@Args('key') key: string): Promise<ParkedKeyView | null> {
    return this.parking.key(key);
  }

  @ResolveField('messages')
  messages(@Parent() parked: ParkedKeyView, @Args('limit', { type: () => Int }) limit: number): Promise<ParkedMessageView[]> {
    return this.parking.messages(parked.key, limit);
  }

  @Mutation('replayParkedKey')
  @RequireRole('operator')
  replay(@Args('key') key: string, @Context() context: RequestContext): Promise<ReplayResult> {
    return this.parking.replay(key, context.principal.actor);
  }

  @Mutation('discardParkedKey')
  @RequireRole('operator')
  discard(
    @Args('key') key: string,
    @Args('reason') reason: string,
    @Context() context: RequestContext,
  ): Promise<{ key: string; discarded: number }> {
    return this.parking.discard(key, reason, context.principal.actor);
  }
}
