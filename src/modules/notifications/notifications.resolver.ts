import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../../platform/auth/roles.guard';
import type { RequestContext } from '../../platform/auth/request-context';
import type { ParkedBatchView } from './infrastructure/notification-store';
import { NotificationOperations } from './notification-operations';

interface NotificationReplay {
  readonly id: string;
  readonly channel: string;
  readonly sent: boolean;
  readonly count: number | null;
  readonly reason: string | null;
}

/** Operators' view of parked notifications (schema.graphql, "Notifications"). Operator role only. */
@Resolver()
export class NotificationsResolver {
  constructor(private readonly operations: NotificationOperations) {}

  @Query('parkedNotifications')
  @RequireRole('operator')
  parkedNotifications(@Args('limit', { type: () => Int }) limit: number): Promise<ParkedBatchView[]> {
    return this.operations.parked(limit);
  }

  @Mutation('replayParkedNotification')
  @RequireRole('operator')
  async replayParkedNotification(@Args('id') id: string, @Context() context: RequestContext): Promise<NotificationReplay> {
    const result = await this.operations.replay(id, context.principal.actor);
    return {
      id: result.id,
      channel: result.channel,
      sent: result.state === 'sent',
      reason: result.state === 'sent' ? null : result.reason,
      count: result.state === 'sent' ? result.count : null,
    };
  }
}
