import { Options } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { inspect } from 'node:util';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config';
import { migrationsList } from './migrations';

/**
 * Options shared by the app, the CLI and the test harness. Schema changes go through migrations
 * only (never schema sync); the migrations are listed in code so that the same list runs from
 * src/ under ts-node or jest and from the compiled dist/.
 */
export function mikroOrmOptions(config: AppConfig): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: config.DATABASE_URL,
    // An exhausted pool answers within the acquire timeout (DATABASE_UNAVAILABLE), not after knex's minute.
    pool: { min: 0, max: config.DATABASE_POOL_SIZE, acquireTimeoutMillis: config.DATABASE_ACQUIRE_TIMEOUT_MS },
    driverOptions: {
      connection: {
        connectionTimeoutMillis: config.STARTUP_TIMEOUT_MS,
        application_name: config.DATABASE_APPLICATION_NAME,
        idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
      // knex's own warnings (a pool that cannot connect, a released connection used again) go to
      // the application's structured log instead of bare console lines.
      log: knexLog,
    },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: false },
    // The request context is per GraphQL request and per consumed message; code outside both
    // must fork explicitly rather than share the global identity map.
    allowGlobalContext: false,
    debug: false,
  };
}

const knexLogger = new Logger('Knex');

const text = (message: unknown) => (typeof message === 'string' ? message : inspect(message, { depth: 3 }));

const knexLog = {
  warn: (message: unknown) => knexLogger.warn(text(message)),
  error: (message: unknown) => knexLogger.error(text(message)),
  deprecate: (message: unknown) => knexLogger.warn(text(message)),
  debug: (message: unknown) => knexLogger.debug(text(message)),
};
