import { DomainError } from '../../kernel/domain-error';

/**
 * The import cannot start: a setting it needs is missing (CUSTOMS_SERVICE_KEY). The message names
 * the setting only, never a value.
 */
export class CustomsImportNotConfiguredError extends DomainError {
  readonly code = 'CUSTOMS_IMPORT.NOT_CONFIGURED';
  readonly category = 'VALIDATION';

  constructor(reason: string) {
    super(`The customs import is not configured: ${reason}`, { setting: 'CUSTOMS_SERVICE_KEY' });
  }
}
