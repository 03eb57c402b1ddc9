import { Global, Module } from '@nestjs/common';
import { LiveUpdates } from './live-updates';

/** Live updates (GraphQL subscriptions) for every context: one hub and one LISTEN connection per instance. */
@Global()
@Module({ providers: [LiveUpdates], exports: [LiveUpdates] })
export class LiveModule {}
