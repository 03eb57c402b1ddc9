import { Client } from '@elastic/elasticsearch';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * The client dashboard queries use: the same connections, a short timeout and no retry, so that
 * with Elasticsearch down or frozen a query answers READ_MODEL_UNAVAILABLE within about a second
 * instead of waiting out the writers' timeout and retries.
 */
export const QUERY_CLIENT = Symbol('QUERY_CLIENT');

@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new Client({ node: config.ES_URL, requestTimeout: 30_000, maxRetries: 3 }),
    },
    {
      provide: QUERY_CLIENT,
      inject: [Client, APP_CONFIG],
      useFactory: (client: Client, config: AppConfig) => client.child({ requestTimeout: config.ES_QUERY_TIMEOUT_MS, maxRetries: 0 }),
    },
  ],
  exports: [Client, QUERY_CLIENT],
})
export class ElasticsearchModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
