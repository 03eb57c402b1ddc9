import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * A place in the log in commit-safe reading order: (writing transaction id, position). The one
 * cursor type of every reader of the log: the relay's checkpoint, a rebuild's replay, the
 * projections' checkpoints and watermarks.
 */
export interface LogCursor {
  readonly transactionId: string;
  readonly position: string;
}

export const LOG_START: LogCursor = { transactionId: '0', position: '0' };

export function cursorOf(event: { readonly transactionId: string; readonly position: string }): LogCursor {
  return { transactionId: event.transactionId, position: event.position };
}

/** a >= b in reading order. */
export function atOrAfter(a: LogCursor, b: LogCursor): boolean {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta > tb || (ta === tb && BigInt(a.position) >= BigInt(b.position));
}

/** The later of two cursors in reading order; null only when both are. */
export function laterCursor(a: LogCursor | null, b: LogCursor | null): LogCursor | null {
  if (!a || !b) return a ?? b;
  return atOrAfter(a, b) ? a : b;
}

/** Statements on one connection or a pool, one after another (a pg client takes one query at a time). */
export interface Sql {
  query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
}
