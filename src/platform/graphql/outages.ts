import { errors as es } from '@elastic/elasticsearch';
import { ConnectionException } from '@mikro-orm/core';
import { isLostConnection } from '../database/lost-connection';

/**
 * A store the request needed was out of reach: not the client's fault and not a bug, so neither
 * VALIDATION nor INTERNAL. Clients may retry the same request; `retryable` says so in the answer.
 */
export type OutageCode = 'READ_MODEL_UNAVAILABLE' | 'DATABASE_UNAVAILABLE';

export interface Outage {
  readonly code: OutageCode;
  readonly message: string;
}

/** PostgreSQL's own codes for "the server is going away or full" (class 08, 57P0x, 53300). */
const PG_OUTAGE_SQLSTATE = /^(08|57P0[1-3]|53300)/;

/**
 * Node's, node-postgres' and knex's messages for a connection that broke or could not be had, the
 * last two for a pool with none to spare within its acquire timeout (DATABASE_ACQUIRE_TIMEOUT_MS).
 */
const CONNECTION_FAILURE = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Timeout acquiring a connection/i;

export function outageOf(error: unknown): Outage | null {
  if (isElasticsearchOutage(error)) {
    return { code: 'READ_MODEL_UNAVAILABLE', message: 'the read model (Elasticsearch) is not reachable right now; retry shortly' };
  }
  if (isDatabaseOutage(error)) {
    return { code: 'DATABASE_UNAVAILABLE', message: 'the database is not reachable right now; retry shortly' };
  }
  return null;
}

function isElasticsearchOutage(error: unknown): boolean {
  if (error instanceof es.ConnectionError || error instanceof es.NoLivingConnectionsError || error instanceof es.TimeoutError) return true;
  if (error instanceof es.ResponseError) return error.statusCode === 429 || (error.statusCode ?? 0) >= 500;
  return false;
}

function isDatabaseOutage(error: unknown): boolean {
  if (error instanceof ConnectionException || isLostConnection(error)) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'KnexTimeoutError') return true;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && PG_OUTAGE_SQLSTATE.test(code)) return true;
  return CONNECTION_FAILURE.test(error.message) || (typeof code === 'string' && CONNECTION_FAILURE.test(code));
}
