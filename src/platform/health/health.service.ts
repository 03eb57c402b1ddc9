import { Client } from '@elastic/elasticsearch';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { retryOnLostConnection } from '../database/lost-connection';
import { ComponentHealth, probe } from './component-health';

export interface HealthReport {
  readonly status: 'UP' | 'DOWN';
  readonly components: ComponentHealth[];
}

/** Probes the connections the running app actually uses, not fresh ones. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly amqp: AmqpConnection,
    private readonly elasticsearch: Client,
  ) {}

  async report(): Promise<HealthReport> {
    const timeout = this.config.HEALTH_PROBE_TIMEOUT_MS;
    const components = await Promise.all([
      // A pooled connection that died is replaced, not reported: the database itself is up.
      probe('postgresql', timeout, () => retryOnLostConnection(() => this.orm.em.getConnection().execute('select 1'))),
      probe('rabbitmq', timeout, () => this.checkRabbit()),
      probe('elasticsearch', timeout, () => this.checkElasticsearch()),
    ]);
    const status = components.every((component) => component.status === 'UP') ? 'UP' : 'DOWN';
    return { status, components };
  }

  private async checkRabbit(): Promise<void> {
    if (!this.amqp.managedConnection.isConnected()) throw new Error('not connected');
    // A passive declare is a full broker round trip on the live channel.
    await this.amqp.channel.checkExchange('amq.direct');
  }

  private async checkElasticsearch(): Promise<void> {
    const health = await this.elasticsearch.cluster.health({}, { requestTimeout: this.config.HEALTH_PROBE_TIMEOUT_MS, maxRetries: 0 });
    if (health.status === 'red') throw new Error('cluster health is red');
  }
}
