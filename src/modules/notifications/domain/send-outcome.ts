/**
 * What one attempt to send a batch came to, as a channel reports it. `reason` is text for the
 * operator: a status and a short description, never the URL or a credential.
 */
export type SendOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs: number | null }
  | { readonly kind: 'permanent'; readonly reason: string };

export const SENT: SendOutcome = { kind: 'sent' };

/** Longest wait a Retry-After may ask for; a longer one is capped rather than obeyed for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * An HTTP answer to a webhook post. 2xx is delivered; 429, 408 and 5xx may pass (Retry-After
 * honoured); any other status (a 4xx, a redirect, which a webhook URL never answers) will not
 * pass by retrying the same request: a wrong URL, a revoked hook, a refused payload.
 */
export function classifyHttp(status: number, retryAfter: string | null, now: Date): SendOutcome {
  if (status >= 200 && status < 300) return SENT;
  const reason = `HTTP ${status}`;
  if (status === 429 || status === 408 || status >= 500) return { kind: 'transient', reason, retryAfterMs: parseRetryAfter(retryAfter, now) };
  return { kind: 'permanent', reason };
}

/**
 * An SMTP failure: a 5xx reply is permanent (rejected recipient, refused credentials, policy), a
 * 4xx reply or no reply at all (connection refused, timeout, TLS) is transient.
 */
export function classifySmtp(responseCode: number | null, reason: string): SendOutcome {
  if (responseCode !== null && responseCode >= 500 && responseCode < 600) return { kind: 'permanent', reason };
  return { kind: 'transient', reason, retryAfterMs: null };
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}

export interface RetrySchedule {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export type AfterFailure = { readonly retryInMs: number } | { readonly park: string };

/**
 * After a failed attempt (`attempts` made so far): park a permanent failure at once, and a
 * transient one once the attempts are used up; else wait the capped exponential back-off, or the
 * receiver's Retry-After when it asks for longer.
 */
export function afterFailure(outcome: Exclude<SendOutcome, { kind: 'sent' }>, attempts: number, schedule: RetrySchedule): AfterFailure {
  if (outcome.kind === 'permanent') return { park: outcome.reason };
  if (attempts >= schedule.maxAttempts) return { park: `gave up after ${attempts} attempts: ${outcome.reason}` };
  const backoff = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.min(Math.max(attempts, 1) - 1, 30));
  return { retryInMs: Math.max(backoff, outcome.retryAfterMs ?? 0) };
}
