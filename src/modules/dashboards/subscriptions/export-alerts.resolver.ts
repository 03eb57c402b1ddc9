import { Args, Context, Info, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { guardSubscription, subscriberConnection, type SubscriberContext } from '../../../platform/graphql/subscription-guards';
import { LiveUpdates } from '../../../platform/live/live-updates';
import { EXPORT_ALERTS, selectExportAlert, type ExportAlertFilter } from './export-alert';

@Resolver()
export class ExportAlertsResolver {
  constructor(private readonly live: LiveUpdates) {}

  @Subscription('exportAlerts', { resolve: (alert: unknown) => alert })
  exportAlerts(@Args('filter') filter: ExportAlertFilter | null, @Context() context: SubscriberContext, @Info() info: GraphQLResolveInfo) {
    return guardSubscription(info, context, 'reader', () => this.live.subscribe(EXPORT_ALERTS, selectExportAlert(filter ?? null), subscriberConnection(context)));
  }
}
