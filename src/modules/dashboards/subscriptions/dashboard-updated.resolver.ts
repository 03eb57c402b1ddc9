import { Args, Context, Info, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { guardSubscription, subscriberConnection, type SubscriberContext } from '../../../platform/graphql/subscription-guards';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { Period } from '../../../kernel/period';
import { DASHBOARD_UPDATED, selectDashboardUpdate } from './dashboard-update';

@Resolver()
export class DashboardUpdatedResolver {
  constructor(private readonly live: LiveUpdates) {}

  @Subscription('dashboardUpdated', { resolve: (update: unknown) => update })
  dashboardUpdated(
    @Args('year') year: number,
    @Args('month') month: number | null,
    @Context() context: SubscriberContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return guardSubscription(info, context, 'reader', () => {
      // A month that cannot exist is the client's mistake, refused as a query's would be.
      if (month !== null && month !== undefined) Period.of(year, month, 'month');
      else Period.of(year, 1, 'year');
      return this.live.subscribe(DASHBOARD_UPDATED, selectDashboardUpdate(year, month ?? null), subscriberConnection(context));
    });
  }
}
