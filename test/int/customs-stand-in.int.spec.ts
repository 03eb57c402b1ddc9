import { CustomsGatewayError, CustomsMalformedResponseError, CustomsRecord, parseCustomsResponse } from '../../src/modules/customs-import';
import { CUSTOMS_PATH, CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { BENCHMARK_DENSITY, StandInData } from '../support/customs-stand-in/stand-in-data';

// The stand-in through real HTTP: what a client of the real service would receive, faults included.

const ONE_SUBHEADING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items>
<item><balPayments>-2199908</balPayments><expDlr>2266024</expDlr><expWgt>543643</expWgt><hsCd>-</hsCd><impDlr>4465932</impDlr><impWgt>1088313</impWgt><statCd>-</statCd><statCdCntnKor1>-</statCdCntnKor1><statKor>-</statKor><year>총계</year></item>
<item><balPayments>-355720</balPayments><expDlr>1779464</expDlr><expWgt>1845</expWgt><hsCd>0101215000</hsCd><impDlr>2135184</impDlr><impWgt>412803</impWgt><statCd>BE</statCd><statCdCntnKor1>벨기에</statCdCntnKor1><statKor>기타</statKor><year>2026.08</year></item>
<item><balPayments>-1718176</balPayments><expDlr>419105</expDlr><expWgt>196724</expWgt><hsCd>0101215000</hsCd><impDlr>2137281</impDlr><impWgt>659662</impWgt><statCd>BR</statCd><statCdCntnKor1>브라질</statCdCntnKor1><statKor>기타</statKor><year>2026.08</year></item>
<item><balPayments>-126012</balPayments><expDlr>67455</expDlr><expWgt>345074</expWgt><hsCd>0101219000</hsCd><impDlr>193467</impDlr><impWgt>15848</impWgt><statCd>AE</statCd><statCdCntnKor1>아랍에미리트 연합</statCdCntnKor1><statKor>기타</statKor><year>2026.08</year></item>
</items></body></response>`;

describe('customs API stand-in', () => {
  let standIn: CustomsStandIn;

  beforeEach(async () => {
    standIn = await startCustomsStandIn({ port: 0, serviceKey: 'test-key/with+signs==' });
  });

  afterEach(() => standIn.close());

  const get = (query: Record<string, string>, init: RequestInit = {}): Promise<Response> => {
    const params = new URLSearchParams({ serviceKey: 'test-key/with+signs==', strtYymm: '202608', endYymm: '202608', hsSgn: '010121', ...query });
    return fetch(`${standIn.url}${CUSTOMS_PATH}?${params}`, init);
  };

  async function records(response: Response): Promise<{ total: CustomsRecord | undefined; rows: CustomsRecord[] }> {
    const rows: CustomsRecord[] = [];
    let total: CustomsRecord | undefined;
    for await (const item of parseCustomsResponse([new Uint8Array(await response.arrayBuffer())])) {
      if (item.kind === 'total') total = item.record;
      else rows.push(item.record);
    }
    return { total, rows };
  }

  it('given a 6-digit subheading and one month, when asked, then the documented XML byte for byte, split into 10-digit rows', async () => {
    const response = await get({});

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml;charset=UTF-8');
    expect(await response.text()).toBe(ONE_SUBHEADING);
    expect(standIn.state.calls).toEqual([{ serviceKey: 'test-key/with+signs==', strtYymm: '202608', endYymm: '202608', hsSgn: '010121' }]);
  });

  it('given a chapter over twelve months, when asked, then the total adds up and every row is a 10-digit line of the chapter', async () => {
    const { total, rows } = await records(await get({ hsSgn: '85', strtYymm: '202601', endYymm: '202612' }));
    const sum = (field: 'expDlr' | 'expWgt') => rows.reduce((acc, row) => acc + Number(row[field]), 0);

    expect(rows.length).toBeGreaterThan(1_000);
    expect(rows.every((row) => /^85\d{8}$/.test(row.hsCd) && /^2026\.(0[1-9]|1[0-2])$/.test(row.year))).toBe(true);
    expect(total).toMatchObject({ expDlr: String(sum('expDlr')), expWgt: String(sum('expWgt')), hsCd: '-', statCd: '-' });
  });

  it('given a code with no trade, then resultCode 00 with an empty items element', async () => {
    expect(await (await get({ hsSgn: '0101210001' })).text()).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<response><header><resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items/></body></response>',
    );
  });

  it('given a range over twelve months, then the service-level one-year refusal', async () => {
    expect(await (await get({ strtYymm: '202601', endYymm: '202701' })).text()).toBe(
      '<response><header><resultCode>99</resultCode><resultMsg>시작과 종료의 조회기간은 1년이내 기간만 가능합니다.</resultMsg></header><body/></response>',
    );
  });

  it('given another key, then gateway reason 30; given the forbidden fault, the plain-text 403', async () => {
    expect(await (await get({ serviceKey: 'other' })).text()).toContain('<returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode>');
    standIn.inject({ kind: 'forbidden' });
    const forbidden = await get({});

    expect([forbidden.status, await forbidden.text()]).toEqual([403, 'SERVICE_KEY_IS_NOT_REGISTERED_ERROR']);
  });

  it.each([22, 5, 1])('given the gateway fault %s, then its envelope once, then data again', async (reasonCode) => {
    standIn.inject({ kind: 'gateway', reasonCode });

    await expect(records(await get({}))).rejects.toMatchObject({ reasonCode: String(reasonCode) });
    expect((await records(await get({}))).rows).toHaveLength(3);
  });

  it('given an HTTP error fault for two calls of chapter 85 only, then 502 pages for those and data elsewhere', async () => {
    standIn.inject({ kind: 'http-error', status: 502, times: 2, hsPrefix: '85' });

    expect((await get({})).status).toBe(200);
    expect([(await get({ hsSgn: '85' })).status, (await get({ hsSgn: '8501' })).status, (await get({ hsSgn: '85' })).status]).toEqual([502, 502, 200]);
  });

  it('given a daily quota of two, then the third call is reason 22 until the quota resets', async () => {
    standIn.state.dailyQuota = 2;
    await get({});
    await get({});

    await expect(records(await get({}))).rejects.toBeInstanceOf(CustomsGatewayError);
    await fetch(`${standIn.url}/control/quota/reset`, { method: 'POST' });
    expect((await records(await get({}))).rows).toHaveLength(3);
  });

  it('given truncated and malformed faults, then a clean HTTP 200 whose XML fails to parse', async () => {
    standIn.inject({ kind: 'truncated' });
    standIn.inject({ kind: 'malformed' });

    await expect(records(await get({}))).rejects.toBeInstanceOf(CustomsMalformedResponseError);
    await expect(records(await get({}))).rejects.toBeInstanceOf(CustomsMalformedResponseError);
  });

  it('given a wrong-total fault, then the grand total disagrees with the rows', async () => {
    standIn.inject({ kind: 'wrong-total' });
    const { total, rows } = await records(await get({}));

    expect(Number(total?.expDlr)).toBe(rows.reduce((acc, row) => acc + Number(row.expDlr), 0) + 1_000);
  });

  it('given hang, reset and slow faults, then the client times out, is reset, and waits', async () => {
    standIn.inject({ kind: 'hang' });
    await expect(get({}, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: 'TimeoutError' });
    standIn.inject({ kind: 'reset' });
    await expect(get({})).rejects.toThrow('fetch failed');
    standIn.inject({ kind: 'slow', chunkDelayMs: 20 });
    const started = Date.now();

    expect(await (await get({})).text()).toBe(ONE_SUBHEADING);
    expect(Date.now() - started).toBeGreaterThan(20 * Math.floor(Buffer.byteLength(ONE_SUBHEADING) / 64));
  });

  it('given the re-publication switch through the control API, then some rows change, vanish and appear, the same each time', async () => {
    const key = (row: CustomsRecord): string => `${row.hsCd}-${row.statCd}-${row.year}`;
    const before = new Map((await records(await get({ hsSgn: '01' }))).rows.map((row) => [key(row), row.expDlr]));
    await fetch(`${standIn.url}/control/settings`, { method: 'PUT', body: JSON.stringify({ republished: true }) });
    const after = new Map((await records(await get({ hsSgn: '01' }))).rows.map((row) => [key(row), row.expDlr]));
    const again = (await records(await get({ hsSgn: '01' }))).rows.map((row) => [key(row), row.expDlr]);

    expect([...after]).toEqual(again);
    expect([...before.keys()].some((k) => !after.has(k))).toBe(true);
    expect([...after.keys()].some((k) => !before.has(k))).toBe(true);
    expect([...after].some(([k, value]) => before.has(k) && before.get(k) !== value)).toBe(true);
  });
});

describe('StandInData', () => {
  it('given the benchmark density, when one month is generated across all chapters, then about 200,000 rows', () => {
    let count = 0;
    for (const _ of new StandInData(BENCHMARK_DENSITY).rows('202608', '')) count += 1;

    expect(count).toBeGreaterThan(200_000);
    expect(count).toBeLessThan(210_000);
  });
});
