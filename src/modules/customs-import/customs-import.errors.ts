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
