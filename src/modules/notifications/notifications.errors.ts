import { DomainError } from '../../kernel/domain-error';

export class NotificationNotParkedError extends DomainError {
  readonly code = 'NOTIFICATION.NOT_PARKED';
  readonly category = 'NOT_FOUND';

  constructor(id: string) {
    super(`no parked notification batch ${id} (it was sent, is being replayed, or never existed)`, { id });
  }
}
