import { DomainError } from '../../kernel/domain-error';

export class ProcessNotFoundError extends DomainError {
  readonly code = 'PROCESS.NOT_FOUND';
  readonly category = 'NOT_FOUND';

  constructor(id: string) {
    super(`no process has id ${id}`, { id });
  }
}

/** An ended process (completed, compensated, cancelled, failed) takes no more requests. */
export class ProcessNotLiveError extends DomainError {
  readonly code = 'PROCESS.NOT_LIVE';
  readonly category = 'CONFLICT';

  constructor(id: string, status: string) {
    super(`process ${id} has ended (${status}); only a running process can be aborted`, { id, status });
  }
}
