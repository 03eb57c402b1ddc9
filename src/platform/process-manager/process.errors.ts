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

/** A retry needs a command that failed for good (refused, or out of attempts). */
export class ProcessNothingToRetryError extends DomainError {
  readonly code = 'PROCESS.NOTHING_TO_RETRY';
  readonly category = 'CONFLICT';

  constructor(id: string) {
    super(`process ${id} has no failed command to retry`, { id });
  }
}

/** The process cannot take its failed command up again from where it stands (or another process of its key is live). */
export class ProcessRetryRefusedError extends DomainError {
  readonly code = 'PROCESS.RETRY_REFUSED';
  readonly category = 'CONFLICT';

  constructor(id: string, command: string, status: string) {
    super(`process ${id} (${status}) cannot send ${command} again from where it stands`, { id, command, status });
  }
}
