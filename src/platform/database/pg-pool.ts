import { MikroORM } from '@mikro-orm/postgresql';
import { Global, Module } from '@nestjs/common';
import { Pool, types, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';
import type { AppConfig } from '../../config/app-config';

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
}

/**
 * SqlPool over MikroORM's pool. MikroORM's connections parse timestamps as text (it hydrates them
 * itself); every statement here names node-postgres' default parsers, so raw SQL keeps getting
 * Dates, exactly as it did from a pg.Pool of its own.
 */
export class OrmSqlPool implements SqlPool {
  constructor(private readonly knex: KnexConnectionPool) {}

  static of(orm: MikroORM): OrmSqlPool {
    return new OrmSqlPool(orm.em.getConnection().getKnex().client);
  }

  async query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> {
    const client = await this.connect();
    try {
      return await client.query<R>(statement, values);
    } finally {
      client.release();
    }
  }

  async connect(): Promise<SqlPoolClient> {
    const connection = await this.knex.acquireConnection();
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
        // As pg.Pool does with release(error): a connection in an unknown state is not reused.
        if (error) connection.__knex__disposed = error;
        void this.knex.releaseConnection(connection);
      },
    };
  }
}

/**
 * A pool of its own, for a standalone tool that runs no MikroORM (the rebuild CLI); inside the
 * application, PG_POOL is MikroORM's pool.
 */
export function createPgPool(config: AppConfig): Pool {
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: config.STARTUP_TIMEOUT_MS });
  // An idle client that loses its server must not crash the tool: the pool drops it.
  pool.on('error', () => undefined);
  return pool;
}

@Global()
@Module({
  providers: [{ provide: PG_POOL, inject: [MikroORM], useFactory: (orm: MikroORM) => OrmSqlPool.of(orm) }],
  exports: [PG_POOL],
})
export class PgPoolModule {}
