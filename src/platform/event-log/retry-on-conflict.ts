import { DomainError } from '../../kernel/domain-error';

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
 * `attempts` times; the last loss is thrown. `attempt` gets its number, from 1.
 */
export async function retryOnConflict<T>(attempt: (number: number) => Promise<T>, attempts: number): Promise<T> {
  for (let number = 1; ; number++) {
    try {
      return await attempt(number);
    } catch (error) {
      if (!isLostRace(error) || number >= attempts) throw error;
    }
  }
}

/**
 * What AggregateRepository turns a lost race into: the domain's version conflict, or, for a
 * stream that had to be new, its duplicate error.
 */
function isLostRace(error: unknown): boolean {
  return error instanceof DomainError && (error.category === 'VERSION_CONFLICT' || error.category === 'DUPLICATE');
}
