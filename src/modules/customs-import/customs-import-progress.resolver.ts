import { Args, Context, Info, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { guardSubscription, subscriberConnection, type SubscriberContext } from '../../platform/graphql/subscription-guards';
import { LiveUpdates } from '../../platform/live/live-updates';
import { CUSTOMS_IMPORT_PROGRESS, selectImportProgress } from './customs-import.progress';

@Resolver()
export class CustomsImportProgressResolver {
  constructor(private readonly live: LiveUpdates) {}

  /** Operators follow an import, as only they may query it (`customsImport`). */
  @Subscription('customsImportProgress', { resolve: (progress: unknown) => progress })
  customsImportProgress(@Args('id') id: string, @Context() context: SubscriberContext, @Info() info: GraphQLResolveInfo) {
    return guardSubscription(info, context, 'operator', () => this.live.subscribe(CUSTOMS_IMPORT_PROGRESS, selectImportProgress(id), subscriberConnection(context)));
  }
}
