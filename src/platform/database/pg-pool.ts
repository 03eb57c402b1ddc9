import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * The pool behind the event log, the aggregate snapshots and the relay. MikroORM renders
 * parameters into the SQL text, which defeats prepared statements; the write path and the relay
 * are the hot paths, so they speak the wire protocol's own parameters (docs/adr/0002).
 */
export const PG_POOL = Symbol('PG_POOL');

export function createPgPool(config: AppConfig): Pool {
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: config.STARTUP_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server (restart, failover) must not crash the process: the pool
  // drops it and the next query opens a fresh connection.
  pool.on('error', () => undefined);
  return pool;
}

@Global()
@Module({
  providers: [{ provide: PG_POOL, inject: [APP_CONFIG], useFactory: createPgPool }],
  exports: [PG_POOL],
})
export class PgPoolModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
