import { CountryCode } from '../../kernel/country-code';
import { DomainError } from '../../kernel/domain-error';

// Expected failures of the countries context. Codes are part of the API: never rename one.
// NOT_FOUND and ALREADY_REGISTERED are raised by handlers, which know whether a stream exists;
// the aggregate exists only once registered.

export class CountryNotFoundError extends DomainError {
  readonly code = 'COUNTRY.NOT_FOUND';
  readonly category = 'NOT_FOUND';

  constructor(code: CountryCode) {
    super(`No country ${code} has been registered`, { countryCode: code.value });
  }
}

export class CountryVersionConflictError extends DomainError {
  readonly code = 'COUNTRY.VERSION_CONFLICT';
  readonly category = 'VERSION_CONFLICT';

  constructor(code: CountryCode, expectedVersion: number, actualVersion: number) {
    super(
      `Country ${code} is at version ${actualVersion}, not ${expectedVersion}: someone changed it since you read it; reload and retry`,
      { countryCode: code.value, expectedVersion, actualVersion },
    );
  }
}

export class CountryAlreadyRegisteredError extends DomainError {
  readonly code = 'COUNTRY.ALREADY_REGISTERED';
  readonly category = 'DUPLICATE';

  constructor(code: CountryCode) {
    super(`Country ${code} is already registered`, { countryCode: code.value });
  }
}
