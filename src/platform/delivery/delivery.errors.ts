import { DomainError } from '../../kernel/domain-error';

export class KeyNotParkedError extends DomainError {
  readonly code = 'DELIVERY.KEY_NOT_PARKED';
  readonly category = 'NOT_FOUND';

  constructor(key: string) {
    super(`no messages are parked for key ${key}`, { key });
  }
}
