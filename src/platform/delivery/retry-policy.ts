import { backoffDelay } from '../concurrency/backoff';

export interface RetryPolicy {
  /** Retries after the first failed attempt before a message is parked. */
  readonly maxRetries: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

/**
 * The retries left for one message (or batch). Each failure is answered with "retry after a
 * capped exponential back-off" or "give up" (park). Transient failures (a dependency is down)
 * never use up the budget while consuming, since parking every message of an outage would only
 * hand the outage to an operator; in a replay they count like any other failure, so that an
 * operator's command always ends.
 */
export class RetryBudget {
  private permanentFailures = 0;
  private transientFailures = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly mode: 'consume' | 'replay',
  ) {}

  /** Failed attempts so far. */
  get attempts(): number {
    return this.permanentFailures + this.transientFailures;
  }

  fail(transient: boolean): RetryDecision {
    if (transient && this.mode === 'consume') {
      this.transientFailures += 1;
      return { retry: true, delayMs: backoffDelay(this.transientFailures, this.policy.baseMs, this.policy.maxMs) };
    }
    this.permanentFailures += 1;
    if (this.permanentFailures > this.policy.maxRetries) return { retry: false };
    return { retry: true, delayMs: backoffDelay(this.permanentFailures, this.policy.baseMs, this.policy.maxMs) };
  }
}
