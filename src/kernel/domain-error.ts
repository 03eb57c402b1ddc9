/**
 * How a client should react to a failure. The GraphQL error formatter maps this, and nothing else,
 * to `extensions.code`, so adding a category is a change to the API contract. CONFLICT: the request
 * contradicts what another aggregate holds (not a stale version, not the same key), so retrying it
 * as it is cannot succeed.
 */
export type ErrorCategory = 'VALIDATION' | 'NOT_FOUND' | 'VERSION_CONFLICT' | 'DUPLICATE' | 'CONFLICT' | 'UNAUTHORIZED';

/**
 * An expected failure of a command: thrown by the domain, never caught inside it. Everything on it
 * (message, code, details) is shown to clients, so it must not hold secrets, stack-derived text or
 * anything read from infrastructure.
 */
export abstract class DomainError extends Error {
  /** Stable, namespaced identifier (`STATISTIC.VERSION_CONFLICT`); clients may switch on it. */
  abstract readonly code: string;
  abstract readonly category: ErrorCategory;
  readonly details: Readonly<Record<string, unknown>>;

  protected constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    // For logs only; nothing persisted or sent to clients is derived from the class name.
    this.name = new.target.name;
    this.details = Object.freeze({ ...details });
  }
}

/** One input field broke a rule. Value objects throw it, so the message names the field and the value. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION.INVALID_FIELD';
  readonly category = 'VALIDATION';
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field} ${reason}`, { field, reason });
    this.field = field;
    this.reason = reason;
  }
}
