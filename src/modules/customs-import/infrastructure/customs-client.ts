import { ImportUnit } from '../domain/import-unit';
import { CustomsApiError, CustomsConnectionError, CustomsHttpError, CustomsKeyRejectedError, CustomsRetriesExhaustedError, CustomsTimeoutError } from '../customs-import.errors';
import { CustomsRecord, parseCustomsResponse } from './customs-response.parser';
import { backoffDelay, classify } from './customs-retry';

export const CUSTOMS_PATH = '/1220000/nitemtrade/getNitemtradeList';

export interface CustomsClientOptions {
  /** e.g. `https://apis.data.go.kr`; the service path is appended to it. */
  readonly baseUrl: string;
  /** The DECODED portal key: URLSearchParams encodes it once, as the portal expects. */
  readonly serviceKey: string;
  /** For one whole call, headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, for transient failures only. Default 3. */
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Hour (Korea time) at which the daily quota resets. Default 0, midnight. */
  readonly quotaResetHour?: number;
  /** Told of each failed attempt that will be retried; the error is already free of the key. */
  readonly onRetry?: (event: { readonly attempt: number; readonly error: CustomsApiError; readonly delayMs: number }) => void;
  /** Every attempt, retries included, runs through this (the import's quota counter and rate limiter). */
  readonly eachAttempt?: <T>(attempt: () => Promise<T>) => Promise<T>;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** One unit's answer: the grand total (absent when there is no trade) and the rows. */
export interface CustomsUnitResponse {
  readonly total: CustomsRecord | undefined;
  readonly rows: readonly CustomsRecord[];
  readonly attempts: number;
}

/**
 * The customs service over HTTP: one call per unit, parsed as it streams in, retried with back-off
 * and full jitter while the failure is transient. Every error it lets out is a CustomsApiError
 * built from our own words; the key is in the request URL only, and never in what comes back.
 */
export class CustomsClient {
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(private readonly options: CustomsClientOptions) {
    if (!options.serviceKey) throw new CustomsKeyRejectedError('no key configured');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
  }

  async fetchUnit(unit: ImportUnit): Promise<CustomsUnitResponse> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const call = () => this.attempt(unit);
        return { ...(await (this.options.eachAttempt ? this.options.eachAttempt(call) : call())), attempts: attempt };
      } catch (raw) {
        const error = classify(this.redact(raw), (this.options.now ?? (() => new Date()))(), this.options.quotaResetHour ?? 0);
        if (!error.transient) throw error;
        if (attempt > this.retries) throw new CustomsRetriesExhaustedError(attempt, error);
        const delayMs = backoffDelay(attempt - 1, this.options.backoffBaseMs ?? 500, this.options.backoffMaxMs ?? 30_000, this.options.random ?? Math.random);
        this.options.onRetry?.({ attempt, error, delayMs });
        await (this.options.sleep ?? sleep)(delayMs);
      }
    }
  }

  private async attempt(unit: ImportUnit): Promise<Omit<CustomsUnitResponse, 'attempts'>> {
    // Appended, not resolved: a base behind a proxy path (`https://host/customs`) keeps its path.
    const url = new URL(`${this.options.baseUrl.replace(/\/+$/, '')}${CUSTOMS_PATH}`);
    url.searchParams.set('serviceKey', this.options.serviceKey);
    url.searchParams.set('strtYymm', yyyymm(unit.months.first.toString()));
    url.searchParams.set('endYymm', yyyymm(unit.months.last.toString()));
    url.searchParams.set('hsSgn', unit.hsPrefix);
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 403) {
      await response.body?.cancel();
      throw new CustomsKeyRejectedError('HTTP 403');
    }
    if (response.status !== 200 || response.body === null) {
      await response.body?.cancel();
      throw new CustomsHttpError(response.status);
    }
    let total: CustomsRecord | undefined;
    const rows: CustomsRecord[] = [];
    for await (const item of parseCustomsResponse(response.body)) {
      if (item.kind === 'total') total = item.record;
      else rows.push(item.record);
    }
    return { total, rows };
  }

  /** Anything thrown becomes a CustomsApiError whose text cannot hold the key. */
  private redact(raw: unknown): CustomsApiError {
    if (raw instanceof CustomsApiError) {
      const key = this.options.serviceKey;
      const leaks = [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2)];
      if (leaks.some((form) => raw.message.includes(form))) return new CustomsConnectionError('a response that quoted the key');
      return raw;
    }
    // By name, not instanceof Error: fetch's DOMException may come from another realm (a test VM).
    const name: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'name') : undefined;
    if (name === 'TimeoutError' || name === 'AbortError') return new CustomsTimeoutError(this.timeoutMs);
    return new CustomsConnectionError(errorCode(raw));
  }
}

/** ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET...: the code of the innermost cause, never its message. */
function errorCode(raw: unknown): string {
  let current: unknown = raw;
  let code = 'unknown';
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const candidate: unknown = Reflect.get(current, 'code');
    if (typeof candidate === 'string' && /^[A-Z_]+$/.test(candidate)) code = candidate;
    current = Reflect.get(current, 'cause');
  }
  return code;
}

function yyyymm(period: string): string {
  return period.replace('-', '');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
