import { DomainError } from '../../kernel/domain-error';
import { inAttempt } from '../tracing/tracer';
import { StreamVersionConflict } from './stream-version-conflict';

/** Attempts for a command without an expected version: a race lost three times in a row is news. */
const ATTEMPTS_ON_CURRENT_VERSION = 3;

/**
 * The one meaning of a missing `expectedVersion`, for every command that takes one: "apply to the
 * version that is current when the change is written". The command is decided on the version it
 * reads; when another writer commits in between, it is read and decided again (a few times at
 * most), so the client sees no VERSION_CONFLICT for a version it never named. With an
 * `expectedVersion` the client said which version it decided on, and a lost race is its
 * VERSION_CONFLICT at once.
 */
export function onExpectedVersion<T>(expectedVersion: number | null | undefined, decideAndSave: () => Promise<T>): Promise<T> {
  if (expectedVersion !== null && expectedVersion !== undefined) return decideAndSave();
  return retryOnConflict(decideAndSave, ATTEMPTS_ON_CURRENT_VERSION);
}

/**
 * Runs `attempt` (read, decide, save) again while its save loses a race to another writer, up to
 * `attempts` times; the last loss is thrown. `attempt` gets its number, from 1. A write span that
 * loses a race with attempts left records it as an event; only the last loss is its error.
 */
export async function retryOnConflict<T>(attempt: (number: number) => Promise<T>, attempts: number): Promise<T> {
  for (let number = 1; ; number++) {
    try {
      return await inAttempt(number < attempts, () => attempt(number));
    } catch (error) {
      if (!isLostRace(error) || number >= attempts) throw error;
    }
  }
}

/**
 * A save that lost its race to another writer: the store's StreamVersionConflict, or the domain
 * error AggregateRepository made of it (which keeps it as its cause). A VERSION_CONFLICT or
 * DUPLICATE the decision raised itself (a stale expected version, a key that exists) is the
 * client's answer, and deciding again would only repeat it.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof StreamVersionConflict) return true;
  return error instanceof DomainError && error.cause instanceof StreamVersionConflict;
}
