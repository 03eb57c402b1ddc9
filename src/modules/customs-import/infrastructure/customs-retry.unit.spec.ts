import { CustomsGatewayError, CustomsKeyRejectedError, CustomsQuotaExhaustedError, CustomsServiceError, SERVICE_KEY_SETTING } from '../customs-import.errors';
import { backoffDelay, classify, nextQuotaReset } from './customs-retry';

describe('nextQuotaReset', () => {
  it.each([
    ['2026-12-07T13:50:00Z', 0, '2026-12-07T15:00:00.000Z'], // 22:50 in Seoul: midnight is 70 minutes away
    ['2026-12-07T15:00:00Z', 0, '2026-12-08T15:00:00.000Z'], // exactly midnight in Seoul: the next one
    ['2026-12-07T14:59:59Z', 0, '2026-12-07T15:00:00.000Z'],
    ['2026-12-31T16:00:00Z', 0, '2027-01-01T15:00:00.000Z'], // already 1 January in Seoul
    ['2026-12-07T13:50:00Z', 6, '2026-12-07T21:00:00.000Z'], // a reset hour of 06:00 KST
  ])('given %s and reset hour %d, when asked, then the quota resets at %s', (now, hour, expected) => {
    expect(nextQuotaReset(new Date(now), hour).toISOString()).toBe(expected);
  });

  it('given a reset hour out of 0..23, then it is refused', () => {
    expect(() => nextQuotaReset(new Date(), 24)).toThrow('quota reset hour must be 0..23, got 24');
  });
});

describe('backoffDelay', () => {
  it('given full jitter, when the retry grows, then the ceiling doubles up to the cap and the wait is random below it', () => {
    expect([0, 1, 2, 3, 10].map((retry) => backoffDelay(retry, 500, 4_000, () => 0.999999))).toEqual([499, 999, 1999, 3999, 3999]);
    expect(backoffDelay(3, 500, 4_000, () => 0)).toBe(0);
    expect(backoffDelay(1, 500, 4_000, () => 0.5)).toBe(500);
  });
});

describe('classify', () => {
  const now = new Date('2026-12-07T13:50:00Z');

  it('given reason 22, then the quota error carries the next reset', () => {
    const error = classify(new CustomsGatewayError('22', 'LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR'), now, 0);

    expect(error).toBeInstanceOf(CustomsQuotaExhaustedError);
    expect(error).toMatchObject({ resetsAt: new Date('2026-12-07T15:00:00Z'), transient: false });
  });

  it.each(['20', '21', '30', '31', '32'])('given reason %s, then a permanent key error naming the setting', (reason) => {
    const error = classify(new CustomsGatewayError(reason, 'X'), now, 0);

    expect(error).toBeInstanceOf(CustomsKeyRejectedError);
    expect(error.transient).toBe(false);
    expect(error.message).toContain(SERVICE_KEY_SETTING);
  });

  it.each([
    ['1', true],
    ['4', true],
    ['5', true],
    ['99', true],
    ['10', false],
    ['12', false],
  ])('given reason %s, then it stays a gateway error, transient: %s', (reason, transient) => {
    expect(classify(new CustomsGatewayError(reason, 'X'), now, 0)).toMatchObject({ reasonCode: reason, transient });
  });

  it('given the service-level one-year refusal, then it is permanent', () => {
    expect(classify(new CustomsServiceError('99', '시작과 종료의 조회기간은 1년이내 기간만 가능합니다.'), now, 0).transient).toBe(false);
  });
});
