import { backoffDelay as cappedBackoff } from '../../../platform/concurrency/backoff';
import {
  CustomsApiError,
  CustomsGatewayError,
  CustomsKeyRejectedError,
  CustomsQuotaExhaustedError,
} from '../customs-import.errors';

/** Korea Standard Time has been UTC+9 all year since 1988: the portal resets quotas at its midnight. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const KEY_REASONS: Readonly<Record<string, string>> = {
  '20': 'reason 20, access to the service denied',
  '21': 'reason 21, key temporarily disabled',
  '30': 'reason 30, key not registered',
  '31': 'reason 31, key expired',
  '32': 'reason 32, this IP address is not registered',
};

/** The next instant, strictly after `now`, at which the clock in Seoul shows `hour`:00. */
export function nextQuotaReset(now: Date, hour = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`quota reset hour must be 0..23, got ${hour}`);
  const seoul = new Date(now.getTime() + KST_OFFSET_MS);
  const today = Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth(), seoul.getUTCDate(), hour) - KST_OFFSET_MS;
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

/**
 * What the client makes of a refusal: the key reasons and 22 become the errors an operator (or the
 * job) acts on; everything else stays as parsed, with its own transient flag.
 */
export function classify(error: CustomsApiError, now: Date, quotaResetHour: number): CustomsApiError {
  if (error instanceof CustomsGatewayError) {
    if (error.reasonCode === '22') return new CustomsQuotaExhaustedError(nextQuotaReset(now, quotaResetHour));
    const keyReason = KEY_REASONS[error.reasonCode];
    if (keyReason !== undefined) return new CustomsKeyRejectedError(keyReason);
  }
  return error;
}

/** Exponential back-off with full jitter: a random wait up to base * 2^retry, capped. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  return Math.floor(random() * cappedBackoff(retry + 1, baseMs, maxMs));
}
