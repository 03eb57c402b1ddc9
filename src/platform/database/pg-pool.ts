import { MikroORM } from '@mikro-orm/postgresql';
import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { Pool, types, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import type { AppConfig } from '../../config/app-config';
import { isLostConnection, retryOnLostConnection } from './lost-connection';

/**
 * The raw SQL side of the one connection pool per instance: statements that MikroORM's query
 * builder cannot make as cheap (the write path's named prepared statements, delivery's and the
 * read side's SQL) run on connections borrowed from MikroORM's own pool (ADR 0002). The relay's
 * lease and LISTEN are sessions and keep dedicated connections.
 */
export const PG_POOL = Symbol('PG_POOL');

/** The part of node-postgres' Pool the code uses; a pg.Pool fits it too (tests and tools use one). */
export interface SqlPool {
  query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
  connect(): Promise<SqlPoolClient>;
}

/** One connection, held until released; a client that saw a broken connection passes the error. */
export interface SqlPoolClient {
  query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
  release(error?: Error | boolean): void;
}

/** A node-postgres client as knex's pool hands it out; knex marks one it saw break as disposed. */
interface PooledConnection {
  query(config: QueryConfig & { types: typeof types }): Promise<QueryResult>;
  __knex__disposed?: unknown;
}

/** The pool side of knex's client: what MikroORM's connection exposes as getKnex().client. */
export interface KnexConnectionPool {
  acquireConnection(): Promise<PooledConnection>;
  releaseConnection(connection: PooledConnection): Promise<unknown>;
  readonly pool?: { numPendingAcquires(): number };
}

/** How long a connection raw SQL just used stays with it before going back to MikroORM's pool. */
const KEEP_IDLE_MS = 20;

/**
 * SqlPool over MikroORM's pool. MikroORM's connections parse timestamps as text (it hydrates them
 * itself); every statement here names node-postgres' default parsers, so raw SQL keeps getting
 * Dates, exactly as it did from a pg.Pool of its own.
 */
export class OrmSqlPool implements SqlPool {
  /**
   * Connections raw SQL released a moment ago. Taking one from knex's pool costs about 25 µs of
   * CPU more than node-postgres' pool (measured), once per statement on the hot path; reusing a
   * just-released connection skips that. Nobody waits longer for it: a connection goes back to
   * knex at once when an acquire is pending there, and every KEEP_IDLE_MS in any case.
   */
  private readonly idle: PooledConnection[] = [];
  private returning: NodeJS.Timeout | null = null;

  constructor(private readonly knex: KnexConnectionPool) {}

  static of(orm: MikroORM): OrmSqlPool {
    return new OrmSqlPool(orm.em.getConnection().getKnex().client);
  }

  /** One statement; a connection that turns out dead is dropped and the statement runs on another (lost-connection.ts). */
  query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> {
    return retryOnLostConnection(async () => {
      const client = await this.connect();
      let failure: Error | undefined;
      try {
        return await client.query<R>(statement, values);
      } catch (error) {
        if (isLostConnection(error)) failure = error as Error;
        throw error;
      } finally {
        client.release(failure);
      }
    });
  }

  async connect(): Promise<SqlPoolClient> {
    const connection = await this.acquire();
    let released = false;
    return {
      query: async <R extends QueryResultRow>(statement: string | QueryConfig, values?: unknown[]) => {
        const config = typeof statement === 'string' ? { text: statement, values } : { ...statement, values: values ?? statement.values };
        const result: QueryResult<R> = await connection.query({ ...config, types });
        return result;
      },
      release: (error) => {
        if (released) return;
        released = true;
        this.release(connection, error);
      },
    };
  }

  private async acquire(): Promise<PooledConnection> {
    for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
      // One that broke while idle here goes back to knex, which destroys it.
      if (!connection.__knex__disposed) return connection;
      void this.knex.releaseConnection(connection);
    }
    return this.knex.acquireConnection();
  }

  private release(connection: PooledConnection, error: Error | boolean | undefined): void {
    // As pg.Pool does with release(error): a connection in an unknown state is not reused.
    if (error) connection.__knex__disposed = error;
    if (error || (this.knex.pool?.numPendingAcquires() ?? 1) > 0) {
      void this.knex.releaseConnection(connection);
      return;
    }
    this.idle.push(connection);
    this.returning ??= setTimeout(() => this.returnIdle(), KEEP_IDLE_MS).unref();
  }

  /** Hands every kept connection back to MikroORM's pool, so that closing it waits for none. */
  returnIdle(): void {
    if (this.returning) clearTimeout(this.returning);
    this.returning = null;
    for (const connection of this.idle.splice(0)) void this.knex.releaseConnection(connection);
  }
}

/**
 * A pool of its own, for a standalone tool that runs no MikroORM (the rebuild CLI); inside the
 * application, PG_POOL is MikroORM's pool.
 */
export function createPgPool(config: AppConfig): Pool {
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: config.STARTUP_TIMEOUT_MS,
    idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  // A client that loses its server must not crash the tool: an idle one the pool drops, one in use
  // (a transaction the server ended) fails its next statement, which the caller sees.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

@Global()
@Module({
  providers: [{ provide: PG_POOL, inject: [MikroORM], useFactory: (orm: MikroORM) => OrmSqlPool.of(orm) }],
  exports: [PG_POOL],
})
export class PgPoolModule implements BeforeApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: OrmSqlPool) {}

  /** Before MikroORM closes its pool (on shutdown), which would otherwise wait for the kept connections. */
  beforeApplicationShutdown(): void {
    this.pool.returnIdle();
  }
}
