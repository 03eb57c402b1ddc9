import { afterFailure, classifyHttp, classifySmtp, MAX_RETRY_AFTER_MS, parseRetryAfter } from './send-outcome';

const now = new Date('2026-12-08T09:00:00.000Z');
const schedule = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };

describe('classifying a send (unit)', () => {
  it.each([200, 201, 204])('HTTP %i is sent', (status) => {
    expect(classifyHttp(status, null, now)).toEqual({ kind: 'sent' });
  });

  it.each([429, 408, 500, 502, 503, 504])('HTTP %i is transient', (status) => {
    expect(classifyHttp(status, null, now)).toEqual({ kind: 'transient', reason: `HTTP ${status}`, retryAfterMs: null });
  });

  it.each([400, 401, 403, 404, 410, 413, 301, 302])('HTTP %i is permanent: retrying the same post cannot pass', (status) => {
    expect(classifyHttp(status, '5', now)).toEqual({ kind: 'permanent', reason: `HTTP ${status}` });
  });

  it('carries Retry-After in seconds or as an HTTP date, capped at an hour', () => {
    expect(classifyHttp(429, '7', now)).toEqual({ kind: 'transient', reason: 'HTTP 429', retryAfterMs: 7000 });
    expect(parseRetryAfter('Tue, 08 Dec 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 08 Dec 2026 08:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('treats an SMTP 5xx reply as permanent, a 4xx reply or no reply as transient', () => {
    expect(classifySmtp(550, 'SMTP 550: no such user')).toEqual({ kind: 'permanent', reason: 'SMTP 550: no such user' });
    expect(classifySmtp(535, 'SMTP 535: authentication failed')).toMatchObject({ kind: 'permanent' });
    expect(classifySmtp(451, 'SMTP 451: try later')).toEqual({ kind: 'transient', reason: 'SMTP 451: try later', retryAfterMs: null });
    expect(classifySmtp(null, 'SMTP server unreachable (ECONNREFUSED)')).toMatchObject({ kind: 'transient' });
  });
});

describe('after a failed attempt (unit)', () => {
  it('parks a permanent failure at once, with its reason', () => {
    expect(afterFailure({ kind: 'permanent', reason: 'HTTP 400' }, 1, schedule)).toEqual({ park: 'HTTP 400' });
  });

  it('backs off exponentially up to the cap: 1 s, 2 s, 4 s, then 5 s', () => {
    const transient = { kind: 'transient', reason: 'HTTP 500', retryAfterMs: null } as const;
    expect([1, 2, 3].map((attempts) => afterFailure(transient, attempts, { ...schedule, maxAttempts: 10 }))).toEqual([
      { retryInMs: 1000 },
      { retryInMs: 2000 },
      { retryInMs: 4000 },
    ]);
    expect(afterFailure(transient, 4, { ...schedule, maxAttempts: 10 })).toEqual({ retryInMs: 5000 });
  });

  it('waits for Retry-After when it asks for longer than the back-off, never shorter', () => {
    expect(afterFailure({ kind: 'transient', reason: 'HTTP 429', retryAfterMs: 30_000 }, 1, schedule)).toEqual({ retryInMs: 30_000 });
    expect(afterFailure({ kind: 'transient', reason: 'HTTP 429', retryAfterMs: 10 }, 2, schedule)).toEqual({ retryInMs: 2000 });
  });

  it('parks a transient failure once the attempts are used up, saying so', () => {
    expect(afterFailure({ kind: 'transient', reason: 'HTTP 503', retryAfterMs: null }, 4, schedule)).toEqual({ park: 'gave up after 4 attempts: HTTP 503' });
  });
});
