import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A connection that died under its statement (pg_terminate_backend, a server restart, a failover):
 * the server's own word for it (57P01-57P03; class 08, connection exceptions), or the driver's
 * for a socket that closed or a client that saw it close. Another connection may well work.
 */
const LOST_SQLSTATE = /^(08|57P0[1-3])/;
const LOST_MESSAGE = /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|ECONNRESET|EPIPE/i;

export function isLostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (LOST_SQLSTATE.test(code) || LOST_MESSAGE.test(code))) return true;
  return LOST_MESSAGE.test(error.message);
}

/** Enough for a pool whose every idle connection died at once: by the second turn it has seen them all. */
const ATTEMPTS = 3;

/**
 * Runs one statement (or a read made of statements that may be repeated) again when its
 * connection turns out to be dead, so that the first request after the database dropped the
 * pool's connections succeeds. The pool learns a connection died only when it reads that socket,
 * so each retry first gives the event loop a turn: the other dead connections are marked then,
 * and the pool replaces them instead of handing them out. A server that is really gone fails every
 * attempt, and the last failure is thrown (the API answers DATABASE_UNAVAILABLE).
 *
 * Not for a statement inside a transaction: its connection is the transaction. A statement that
 * died in flight may have committed; every write that takes this path is guarded by a version or a
 * key (the aggregate store's statements: a repeat is a lost race, never a second write) or is
 * idempotent (checkpoints, summary marks).
 */
export async function retryOnLostConnection<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if (!isLostConnection(error) || attempt >= ATTEMPTS) throw error;
      await nextTurn();
    }
  }
}
