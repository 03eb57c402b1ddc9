import { DomainError } from '../../kernel/domain-error';

export class UnauthorizedError extends DomainError {
  readonly code = 'AUTH.UNAUTHORIZED';
  readonly category = 'UNAUTHORIZED';

  constructor(requiredRole: string) {
    super(`this operation requires the ${requiredRole} role: send an x-api-key header or a bearer token that grants it`, {
      requiredRole,
    });
  }
}
