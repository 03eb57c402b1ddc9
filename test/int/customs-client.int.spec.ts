import {
  CustomsApiError,
  CustomsClient,
  CustomsClientOptions,
  CustomsKeyRejectedError,
  CustomsMalformedResponseError,
  CustomsQuotaExhaustedError,
  CustomsRetriesExhaustedError,
  CustomsServiceError,
  importUnit,
  MonthRange,
} from '../../src/modules/customs-import';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { ScheduledFault } from '../support/customs-stand-in/stand-in-faults';

// The client against the stand-in through real HTTP, one fault class at a time.

const KEY = 'Secret/Key+With=Signs==';
const KEY_FORMS = [KEY, encodeURIComponent(KEY), new URLSearchParams({ k: KEY }).toString().slice(2)];
const UNIT = importUnit('0101', MonthRange.parse('2026-08'));
const NOW = new Date('2026-12-07T13:50:00Z');

describe('CustomsClient against the stand-in', () => {
  let standIn: CustomsStandIn;
  let retries: { attempt: number; error: CustomsApiError; delayMs: number }[];

  beforeEach(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY });
    retries = [];
  });

  afterEach(() => standIn.close());

  const client = (options: Partial<CustomsClientOptions> = {}): CustomsClient =>
    new CustomsClient({
      baseUrl: standIn.url,
      serviceKey: KEY,
      timeoutMs: 1_000,
      retries: 3,
      random: () => 0.5,
      sleep: () => Promise.resolve(),
      now: () => NOW,
      onRetry: (event) => retries.push(event),
      ...options,
    });

  async function failure(run: Promise<unknown>): Promise<CustomsApiError> {
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof CustomsApiError)) throw new Error(`expected a CustomsApiError, got ${String(error)}`);
    // The key must not travel in anything a caller could log, store or show.
    const visible = [error.message, String(error.stack), JSON.stringify(error), ...retries.map((r) => `${r.error.message} ${JSON.stringify(r.error)}`)];
    for (const form of KEY_FORMS) expect(visible.join('\n')).not.toContain(form);
    return error;
  }

  it('given no fault, when a unit is fetched, then its total and rows, with the decoded key sent once-encoded', async () => {
    const response = await client({ baseUrl: `${standIn.url}/` }).fetchUnit(UNIT);

    expect(response.attempts).toBe(1);
    expect(response.total?.year).toBe('총계');
    expect(response.rows.length).toBeGreaterThan(0);
    expect(response.rows.every((row) => row.hsCd.startsWith('0101') && row.year === '2026.08')).toBe(true);
    expect(standIn.state.calls).toEqual([{ serviceKey: KEY, strtYymm: '202608', endYymm: '202608', hsSgn: '0101' }]);
  });

  const transient: [string, ScheduledFault][] = [
    ['HTTP 503 twice', { kind: 'http-error', status: 503, times: 2 }],
    ['HTTP 500', { kind: 'http-error', status: 500 }],
    ['gateway timeout (5)', { kind: 'gateway', reasonCode: 5 }],
    ['gateway application error (1)', { kind: 'gateway', reasonCode: 1 }],
    ['gateway HTTP error (4)', { kind: 'gateway', reasonCode: 4 }],
    ['gateway unknown (99)', { kind: 'gateway', reasonCode: 99 }],
    ['a connection reset', { kind: 'reset' }],
    ['a hang past the timeout', { kind: 'hang' }],
    ['a body slower than the timeout', { kind: 'slow', chunkDelayMs: 300 }],
  ];

  it.each(transient)('given %s, when fetched, then it is retried and the answer is exact', async (_, fault) => {
    const clean = await client().fetchUnit(UNIT);
    standIn.inject(fault);
    const response = await client().fetchUnit(UNIT);

    expect({ total: response.total, rows: response.rows }).toEqual({ total: clean.total, rows: clean.rows });
    expect(response.attempts).toBe(1 + (fault.times ?? 1));
    expect(retries.map((r) => r.error.transient)).toEqual(Array(fault.times ?? 1).fill(true));
    await failure(Promise.reject(retries[0].error));
  });

  it('given a transient fault that outlasts the retries, then RetriesExhausted after 1 + retries calls, with back-off between', async () => {
    standIn.inject({ kind: 'http-error', status: 502, times: 10 });
    const error = await failure(client({ retries: 2, backoffBaseMs: 100 }).fetchUnit(UNIT));

    expect(error).toBeInstanceOf(CustomsRetriesExhaustedError);
    expect(error).toMatchObject({ attempts: 3, lastError: { status: 502 } });
    expect(standIn.state.calls).toHaveLength(3);
    expect(retries.map((r) => r.delayMs)).toEqual([50, 100]);
  });

  it.each<[string, ScheduledFault | undefined, string | undefined]>([
    ['reason 30', { kind: 'gateway', reasonCode: 30 }, undefined],
    ['reason 20', { kind: 'gateway', reasonCode: 20 }, undefined],
    ['reason 21', { kind: 'gateway', reasonCode: 21 }, undefined],
    ['reason 31', { kind: 'gateway', reasonCode: 31 }, undefined],
    ['reason 32', { kind: 'gateway', reasonCode: 32 }, undefined],
    ['the plain-text 403', { kind: 'forbidden' }, undefined],
    ['a key the service does not know', undefined, 'Not/The+Key=='],
  ])('given %s, when fetched, then it fails at once naming CUSTOMS_SERVICE_KEY', async (_, fault, key) => {
    if (fault) standIn.inject(fault);
    const error = await failure(client(key ? { serviceKey: key } : {}).fetchUnit(UNIT));

    expect(error).toBeInstanceOf(CustomsKeyRejectedError);
    expect(error.message).toContain('CUSTOMS_SERVICE_KEY');
    expect(standIn.state.calls).toHaveLength(1);
    if (key) expect(error.message).not.toContain(key);
  });

  it('given the daily quota used up, then QuotaExhausted with the next midnight in Seoul, not retried', async () => {
    standIn.state.dailyQuota = 1;
    await client().fetchUnit(UNIT);
    const error = await failure(client({ quotaResetHour: 0 }).fetchUnit(UNIT));

    expect(error).toBeInstanceOf(CustomsQuotaExhaustedError);
    expect(error).toMatchObject({ resetsAt: new Date('2026-12-07T15:00:00Z') });
    expect(standIn.state.calls).toHaveLength(2);
  });

  it.each<ScheduledFault['kind']>(['malformed', 'truncated'])('given a %s body, then a malformed-response error, not retried', async (kind) => {
    standIn.inject({ kind } as ScheduledFault);
    const error = await failure(client().fetchUnit(UNIT));

    expect(error).toBeInstanceOf(CustomsMalformedResponseError);
    expect(standIn.state.calls).toHaveLength(1);
  });

  it('given a range over a year, then the service refusal is permanent', async () => {
    const error = await failure(client().fetchUnit(importUnit('01', MonthRange.parse('2025-01..2026-01'))));

    expect(error).toBeInstanceOf(CustomsServiceError);
    expect(error).toMatchObject({ resultCode: '99', transient: false });
    expect(standIn.state.calls).toHaveLength(1);
  });

  it('given nothing listening, then connection failures are retried and reported by their code only', async () => {
    const { url } = standIn;
    await standIn.close();
    const error = await failure(client({ baseUrl: url, retries: 1 }).fetchUnit(UNIT));

    expect(error).toMatchObject({ attempts: 2, lastError: { code: 'CUSTOMS.CONNECTION_FAILED', reason: 'ECONNREFUSED' } });
    standIn = await startCustomsStandIn({ port: 0 });
  });
});
