import { DomainError } from '../../kernel/domain-error';

// Failures of talking to the customs service. Codes are stable (a job records them); messages are
// built only from what the service said and our own settings' NAMES, never from the service key.

/** The setting an operator fixes when the service refuses the key. */
export const SERVICE_KEY_SETTING = 'CUSTOMS_SERVICE_KEY';

export abstract class CustomsApiError extends Error {
  abstract readonly code: string;
  /** True when the same call may succeed later (5xx, timeouts, resets, gateway 1/4/5/99). */
  abstract readonly transient: boolean;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body is not the documented XML: malformed, truncated, or another root element. */
export class CustomsMalformedResponseError extends CustomsApiError {
  readonly code = 'CUSTOMS.MALFORMED_RESPONSE';
  readonly transient = false;

  constructor(readonly reason: string) {
    super(`The customs service answered a malformed response: ${reason}`);
  }
}

/** `<response>` with a resultCode other than 00, e.g. 99 for a range over one year. */
export class CustomsServiceError extends CustomsApiError {
  readonly code = 'CUSTOMS.SERVICE_ERROR';
  readonly transient: boolean;

  constructor(
    readonly resultCode: string,
    readonly resultMessage: string,
  ) {
    super(`The customs service refused the query: resultCode ${resultCode} (${resultMessage})`);
    // 99 is the service's "anything else"; only its one-year-range refusal is known to be permanent.
    this.transient = resultCode === '99' && !isRangeRefusal(resultMessage);
  }
}

/** The portal gateway's `OpenAPI_ServiceResponse` envelope with its returnReasonCode. */
export class CustomsGatewayError extends CustomsApiError {
  readonly code = 'CUSTOMS.GATEWAY_ERROR';
  readonly transient: boolean;

  constructor(
    readonly reasonCode: string,
    readonly authMessage: string,
  ) {
    super(`The customs portal gateway refused the call: returnReasonCode ${reasonCode} (${authMessage})`);
    this.transient = ['1', '4', '5', '99'].includes(reasonCode);
  }
}

/** "시작과 종료의 조회기간은 1년이내 기간만 가능합니다." — the planner should make this impossible. */
export function isRangeRefusal(resultMessage: string): boolean {
  return resultMessage.includes('1년');
}

/** An HTTP status other than 200: 5xx pages are transient, other refusals are not. */
export class CustomsHttpError extends CustomsApiError {
  readonly code = 'CUSTOMS.HTTP_ERROR';
  readonly transient: boolean;

  constructor(readonly status: number) {
    super(`The customs service answered HTTP ${status}`);
    this.transient = status >= 500;
  }
}

/** No complete answer within the client's timeout (headers and body together). */
export class CustomsTimeoutError extends CustomsApiError {
  readonly code = 'CUSTOMS.TIMEOUT';
  readonly transient = true;

  constructor(readonly timeoutMs: number) {
    super(`The customs service did not answer within ${timeoutMs} ms`);
  }
}

/** Refused, reset or closed connections. Only the error code is kept: raw messages may quote the URL. */
export class CustomsConnectionError extends CustomsApiError {
  readonly code = 'CUSTOMS.CONNECTION_FAILED';
  readonly transient = true;

  constructor(readonly reason: string) {
    super(`The connection to the customs service failed (${reason})`);
  }
}

/** The key is refused (reasons 20, 21, 30, 31, 32 or HTTP 403): retrying cannot help, an operator must act. */
export class CustomsKeyRejectedError extends CustomsApiError {
  readonly code = 'CUSTOMS.KEY_REJECTED';
  readonly transient = false;

  constructor(readonly detail: string) {
    super(
      `The customs service refused the service key (${detail}). Check ${SERVICE_KEY_SETTING}: the decoded key of ` +
        'open-data service 15100475, approved, not expired, and registered for this server\'s IP address.',
    );
  }
}

/** Reason 22: the day's calls are used up. Not a failure of the unit: the import waits until `resetsAt`. */
export class CustomsQuotaExhaustedError extends CustomsApiError {
  readonly code = 'CUSTOMS.QUOTA_EXHAUSTED';
  readonly transient = false;

  constructor(readonly resetsAt: Date) {
    super(`The customs service's daily call quota is used up; it resets at ${resetsAt.toISOString()}`);
  }
}

/** A transient failure that outlasted every retry; `lastError` says what the final attempt met. */
export class CustomsRetriesExhaustedError extends CustomsApiError {
  readonly code = 'CUSTOMS.RETRIES_EXHAUSTED';
  readonly transient = true;

  constructor(
    readonly attempts: number,
    readonly lastError: CustomsApiError,
  ) {
    super(`The customs service failed ${attempts} attempts; the last: ${lastError.message}`);
  }
}

/** A unit command that does not apply in the unit's state (a redelivery that came too late, or a bug). */
export class UnitTransitionRefusedError extends Error {
  readonly code = 'CUSTOMS_IMPORT.UNIT_TRANSITION_REFUSED';

  constructor(
    readonly command: string,
    readonly state: string,
  ) {
    super(`A unit in state ${state} cannot ${command}`);
    this.name = 'UnitTransitionRefusedError';
  }
}

/** A job command that does not apply in the job's state. */
export class JobTransitionRefusedError extends Error {
  readonly code = 'CUSTOMS_IMPORT.JOB_TRANSITION_REFUSED';

  constructor(
    readonly command: string,
    readonly state: string,
  ) {
    super(`An import in state ${state} cannot ${command}`);
    this.name = 'JobTransitionRefusedError';
  }
}

/** No import has this id. */
export class CustomsImportNotFoundError extends DomainError {
  readonly code = 'CUSTOMS_IMPORT.NOT_FOUND';
  readonly category = 'NOT_FOUND';

  constructor(id: string) {
    super(`No customs import has the id ${id}`, { id });
  }
}
