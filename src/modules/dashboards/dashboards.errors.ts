import { DomainError, ValidationError } from '../../kernel/domain-error';
import type { Period } from '../../kernel/period';

// Expected failures of the read side. Codes are part of the API: never rename one.

export class UnknownLogPositionError extends DomainError {
  readonly code = 'READ_MODEL.UNKNOWN_POSITION';
  readonly category = 'VALIDATION';

  constructor(position: string) {
    super(`No event was written at log position ${position}; pass a position a mutation returned`, { position });
  }
}

export class RebuildAlreadyRunningError extends DomainError {
  readonly code = 'READ_MODEL.REBUILD_RUNNING';
  readonly category = 'DUPLICATE';

  constructor(id: string) {
    super(`A rebuild of the read model is already running (${id}); follow it with rebuildProgress`, { id });
  }
}

export class InvalidCursorError extends ValidationError {
  constructor(field = 'after') {
    super(field, 'is not a cursor this query returned');
  }
}

/** A profile asked for a country or HS code the service does not know: no profile of zeros. */
export class ProfileSubjectNotFoundError extends DomainError {
  readonly code: string;
  readonly category = 'NOT_FOUND';

  constructor(kind: 'country' | 'product', key: string) {
    super(kind === 'country' ? `No country ${key} is registered` : `No HS code ${key} is in the catalogue`, { key });
    this.code = kind === 'country' ? 'READ_MODEL.COUNTRY_NOT_FOUND' : 'READ_MODEL.PRODUCT_NOT_FOUND';
  }
}

/**
 * A year, month or range that starts or ends after the current month (in Korea, where the customs
 * service closes its months): no figure can exist there, so no rate is made up for it.
 */
export class FuturePeriodError extends DomainError {
  readonly code = 'READ_MODEL.FUTURE_PERIOD';
  readonly category = 'VALIDATION';

  constructor(field: string, asked: string, current: Period) {
    const reason = `${asked} is in the future (it is ${current} in Korea)`;
    super(`${field} ${reason}`, { field, reason, currentPeriod: current.toString() });
  }
}
