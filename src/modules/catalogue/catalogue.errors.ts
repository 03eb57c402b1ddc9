import { DomainError } from '../../kernel/domain-error';
import { HsCode } from '../../kernel/hs-code';

// Expected failures of the catalogue context. Codes are part of the API: never rename one.
// NOT_FOUND and DUPLICATE are raised by handlers, which know whether a stream exists.

export class ProductCategoryNotFoundError extends DomainError {
  readonly code = 'CATALOGUE.NOT_FOUND';
  readonly category = 'NOT_FOUND';

  constructor(code: HsCode) {
    super(`No product category ${code} is in the catalogue`, { hsCode: code.value });
  }
}

export class DuplicateProductCategoryError extends DomainError {
  readonly code = 'CATALOGUE.DUPLICATE';
  readonly category = 'DUPLICATE';

  constructor(code: HsCode) {
    super(`Product category ${code} is already in the catalogue; rename it instead`, { hsCode: code.value });
  }
}

export class ProductCategoryVersionConflictError extends DomainError {
  readonly code = 'CATALOGUE.VERSION_CONFLICT';
  readonly category = 'VERSION_CONFLICT';

  constructor(code: HsCode, expectedVersion: number, actualVersion: number) {
    super(
      `Product category ${code} is at version ${actualVersion}, not ${expectedVersion}: someone changed it since you read it; reload and retry`,
      { hsCode: code.value, expectedVersion, actualVersion },
    );
  }
}
