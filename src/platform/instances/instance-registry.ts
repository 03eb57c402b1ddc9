import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Periodic } from '../concurrency/periodic';
import { PG_POOL, type SqlPool } from '../database/pg-pool';

/**
 * This instance among the live instances of its deployment (scope: BROKER_PREFIX), as PostgreSQL
 * knows them (migration 20261209001100): a row with a heartbeat every INSTANCE_HEARTBEAT_MS, removed
 * on an orderly stop. One whose heartbeat is older than INSTANCE_TIMEOUT_MS has left (killed, frozen,
 * cut off). Rows left a day ago are swept, and so are requests (instance-requests.ts) reported a
 * day ago. The id is new at every start: a restarted instance is a new one, with nothing of the
 * old one's memory.
 */
@Injectable()
export class InstanceRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('InstanceRegistry');
  private readonly heartbeat = new Periodic();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: SqlPool,
  ) {}

  get scope(): string {
    return this.config.BROKER_PREFIX;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.heartbeat.start(() => this.beat(), this.config.INSTANCE_HEARTBEAT_MS, (error) => this.logger.warn(`heartbeat failed: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.heartbeat.stop();
    await this.pool.query('delete from app_instance where scope = $1 and id = $2', [this.scope, this.id]).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.pool.query(
      `insert into app_instance (scope, id, host, pid) values ($1, $2, $3, $4)
       on conflict (scope, id) do update set heartbeat_at = now()`,
      [this.scope, this.id, hostname(), process.pid],
    );
    await this.pool.query(`delete from app_instance where scope = $1 and heartbeat_at < now() - interval '1 day'`, [this.scope]);
    await this.pool.query(`delete from app_instance_request where scope = $1 and reported_at < now() - interval '1 day'`, [this.scope]);
  }
}
