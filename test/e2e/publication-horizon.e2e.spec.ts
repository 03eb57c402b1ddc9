import Decimal from 'decimal.js';
import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';
import { Clock } from '../../src/platform/cqrs/clock';
import { CustomsStandIn, startCustomsStandIn } from '../support/customs-stand-in/customs-stand-in';
import { deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { deleteCustomsImportState, startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

/**
 * The publication horizon comes from the customs import (ADR 0007), through the whole app: the
 * clock on 10 June 2005, statistics recorded over GraphQL for 2004-01 to 2005-06 except April 2005
 * (one partner, one HS code of this run), then April 2005 imported from the stand-in, every
 * chapter. Before the import the read model's latest month (June) is the horizon; after it,
 * April is, although May and June have figures: 2005 is compared January-April with January-April
 * 2004. A failed import of every chapter of May and a completed import of one chapter of June
 * move nothing.
 *
 * Expected figures come from what the test recorded and from the stand-in's own rows, with
 * decimal.js: never from the dashboards' code. The test owns April and May 2005 for every chapter
 * and June 2005 for chapter 01, and clears them (and its own statistics) before and after.
 */
const KEY = 'Horizon/E2e+Key==';
const NOW = new Date('2005-06-10T03:00:00Z');
const IMPORTED = '2005-04';
const CODE = `85${String(randomInt(0, 10 ** 8)).padStart(8, '0')}`;
// The cache is what production has; kept short here, and waited out before every question below.
const CACHE_MS = 100;

const span = (from: string, to: string, months: number) => ({ from, to, months });
const monthsOf = (year: number, through: number) => Array.from({ length: through }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const ratio = (value: Decimal) => value.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the publication horizon is the latest month a completed customs import brought in', () => {
  let standIn: CustomsStandIn;
  let harness: TestApp | undefined;
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  const importIds: string[] = [];
  const recorded = statistics();
  /** The value of every month the read model holds: what this test recorded, then what the import brought. */
  const byMonth = new Map(recorded.map((item) => [item.period, new Decimal(item.valueUsd)]));
  let position = '0';

  const ask = async (query: string) => {
    await pause(2 * CACHE_MS);
    const consistency = `consistency: { atLeastPosition: "${position}", timeoutMs: 10000 }`;
    const response = await graphql(harness!.app, query.replaceAll('$consistency', consistency), {}, { 'x-api-key': TEST_READER_KEY });
    return response.body as { data: Record<string, Record<string, unknown>> | null; errors?: unknown[] };
  };

  const runImport = async (from: string, to: string, hsCodes: string[] | null, until: (node: ImportNode) => boolean) => {
    const started = await graphql(harness!.app, 'mutation($from: String!, $to: String!, $hs: [String!]) { startCustomsImport(from: $from, to: $to, hsCodes: $hs) { id } }', { from, to, hs: hsCodes });
    const id = (started.body as { data: { startCustomsImport: { id: string } } }).data.startCustomsImport.id;
    importIds.push(id);
    for (let polls = 0; polls < 1200; polls += 1) {
      const node = ((await graphql(harness!.app, `{ customsImport(id: "${id}") { state visible lastPosition } }`)).body as { data: { customsImport: ImportNode } }).data.customsImport;
      if (until(node)) {
        if (node.lastPosition !== null) position = node.lastPosition;
        return node;
      }
      await pause(100);
    }
    throw new Error(`import ${id} of ${from}..${to} did not end`);
  };

  const clear = async () => {
    await deleteStatistics(db, recorded.map(keyOf));
    for (const month of [4, 5]) {
      await db.query('delete from event_log where stream_id like $1', [`statistic:%-2005-0${month}`]);
      await db.query('delete from export_statistic where year = 2005 and month = $1', [month]);
    }
    // What the import of chapter 01 of June brings.
    await db.query("delete from event_log where stream_id similar to 'statistic:[A-Z]{2}-01[0-9]{8}-2005-06'");
    await db.query("delete from export_statistic where year = 2005 and month = 6 and hs_code like '01%'");
  };

  beforeAll(async () => {
    const { rows } = await db.query<{ id: string }>("select id from customs_import where state = 'completed' and hs_prefixes is null");
    if (rows.length > 0) throw new Error(`completed imports of every chapter are in the test database (${rows.map((row) => row.id).join(', ')}): their tests should have deleted them; this test needs none`);
    standIn = await startCustomsStandIn({ port: 0, serviceKey: KEY, maxLinesPerSubheading: 1, maxPartnersPerLine: 1 });
    await clear();
    harness = await startLiveTestApp(db, relayName, {
      CUSTOMS_IMPORT_WORKERS: 'true',
      CUSTOMS_API_URL: standIn.url,
      CUSTOMS_SERVICE_KEY: KEY,
      CUSTOMS_CALLS_PER_SECOND: '500',
      CUSTOMS_CONCURRENCY: '4',
      CUSTOMS_RETRIES: '0',
      CUSTOMS_RESUME_INTERVAL_MS: '3600000',
      PUBLICATION_HORIZON_CACHE_MS: String(CACHE_MS),
    });
    jest.spyOn(harness.app.get(Clock), 'now').mockReturnValue(NOW);
    const receipt = await graphql(harness.app, 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { recorded position } }', { items: recorded });
    const { data } = receipt.body as { data: { recordExportStatistics: { recorded: number; position: string } } };
    expect(data.recordExportStatistics.recorded).toBe(recorded.length);
    position = data.recordExportStatistics.position;
    // A query waits at most 10 s for the projections; on a loaded machine the first pass through
    // relay, consumers and summaries can take longer, so wait (bounded) until they are there.
    for (let attempt = 0; attempt < 12; attempt++) {
      if ((await ask('{ trend(from: "2005-06", to: "2005-06", $consistency) { fresh } }')).data?.trend?.fresh === true) break;
    }
  }, 180_000);

  afterAll(async () => {
    // Their outcome events (CustomsImportCompleted, ...Failed, ...Paused) too.
    await db.query(`delete from event_log where stream_id = any(array(select 'customs-import:' || id from unnest($1::uuid[]) as id))`, [importIds]);
    await db.query('delete from customs_import where id = any($1::uuid[])', [importIds]);
    await stopLiveTestApp(db, relayName, harness);
    if (harness) await deleteCustomsImportState(db, harness.config);
    await clear();
    await db.end();
    await standIn.close();
  });

  /** Sum of the values of the months of `year` from January to `through`. */
  const sum = (year: number, through: number) => monthsOf(year, through).reduce((total, month) => total.plus(byMonth.get(month) ?? 0), new Decimal(0));
  const growth = (year: number, through: number) => ratio(sum(year, through).div(sum(year - 1, through)).minus(1));

  it('given no import of every chapter completed, when the year in progress is read, then the read model\'s latest month (June) is the horizon', async () => {
    const body = await ask('{ dashboardSummary(year: 2005, $consistency) { yoyGrowth yoyGrowthCovers { base { from to months } current { from to months } } publishedThrough fresh } }');

    // April has no figure yet, and is read as published: the very zero this issue is about.
    expect(body).toEqual({
      data: {
        dashboardSummary: {
          yoyGrowth: growth(2005, 6),
          yoyGrowthCovers: { base: span('2004-01', '2004-06', 6), current: span('2005-01', '2005-06', 6) },
          publishedThrough: '2005-06',
          fresh: true,
        },
      },
    });
  });

  it('given April imported, every chapter, when 2005 is read, then April is the horizon: January-April against January-April 2004, May and June without rates', async () => {
    const node = await runImport(IMPORTED, IMPORTED, null, (n) => n.visible || n.state === 'FAILED' || n.state === 'CANCELLED');
    let april = new Decimal(0);
    for (const row of standIn.state.source.rows('200504', '')) april = april.plus(row.expDlr);
    byMonth.set(IMPORTED, april);

    const body = await ask(`{
      year: dashboardSummary(year: 2005, $consistency) {
        total { valueUsd } yoyGrowth yoyGrowthCovers { base { from to months } current { from to months } } monthlyTrend { period valueUsd } publishedThrough fresh }
      may: dashboardSummary(year: 2005, month: 5, $consistency) { total { valueUsd } yoyGrowth yoyGrowthCovers { base { from } } publishedThrough }
      trend(from: "2004-01", to: "2005-06", $consistency) {
        total { valueUsd } points { period } cagr { fromYear toYear rate covers { base { from to months } current { from to months } } }
        seasonality { month index } seasonalityCovers { from to months } publishedThrough } }`);

    expect(node).toMatchObject({ state: 'COMPLETED', visible: true });
    // January-April 2005 (three recorded months and the import's April) against January-April 2004.
    const rate = growth(2005, 4);
    expect(body).toEqual({
      data: {
        year: {
          total: { valueUsd: sum(2005, 6).toFixed(2) },
          yoyGrowth: rate,
          yoyGrowthCovers: { base: span('2004-01', '2004-04', 4), current: span('2005-01', '2005-04', 4) },
          monthlyTrend: monthsOf(2005, 4).map((period) => ({ period, valueUsd: (byMonth.get(period) ?? new Decimal(0)).toFixed(2) })),
          publishedThrough: IMPORTED,
          fresh: true,
        },
        may: { total: { valueUsd: byMonth.get('2005-05')!.toFixed(2) }, yoyGrowth: null, yoyGrowthCovers: null, publishedThrough: IMPORTED },
        trend: {
          total: { valueUsd: sum(2004, 12).plus(sum(2005, 4)).toFixed(2) },
          points: [...monthsOf(2004, 12), ...monthsOf(2005, 4)].map((period) => ({ period })),
          cagr: { fromYear: 2004, toYear: 2005, rate, covers: { base: span('2004-01', '2004-04', 4), current: span('2005-01', '2005-04', 4) } },
          seasonality: seasonality(byMonth, [...monthsOf(2004, 12), ...monthsOf(2005, 4)]),
          seasonalityCovers: span('2004-01', '2005-04', 16),
          publishedThrough: IMPORTED,
        },
      },
    });
  }, 240_000);

  it('given a failed import of every chapter of May, when read, then April is still the horizon', async () => {
    // Every call refused (reason 30, key not registered): the import fails at once, nothing applied.
    standIn.inject({ kind: 'gateway', reasonCode: 30, times: 1000 });
    const node = await runImport('2005-05', '2005-05', null, (n) => n.state === 'FAILED' || n.state === 'COMPLETED');
    standIn.state.faults.clear();

    const body = await ask('{ dashboardSummary(year: 2005, month: 5, $consistency) { yoyGrowth publishedThrough } }');

    expect(node.state).toBe('FAILED');
    expect(body).toEqual({ data: { dashboardSummary: { yoyGrowth: null, publishedThrough: IMPORTED } } });
  }, 120_000);

  it('given a completed import of one chapter of June, when read, then April is still the horizon', async () => {
    const node = await runImport('2005-06', '2005-06', ['01'], (n) => n.visible || n.state === 'FAILED' || n.state === 'CANCELLED');

    const body = await ask('{ dashboardSummary(year: 2005, $consistency) { yoyGrowthCovers { current { to } } publishedThrough } }');

    expect(node.state).toBe('COMPLETED');
    expect(body).toEqual({ data: { dashboardSummary: { yoyGrowthCovers: { current: { to: IMPORTED } }, publishedThrough: IMPORTED } } });
  }, 120_000);
});

interface ImportNode {
  state: string;
  visible: boolean;
  lastPosition: string | null;
}

/** China, one HS code of this run, every month of 2004-01..2005-06 but April 2005 (the import brings it). */
function statistics(): StatisticInput[] {
  const months = [...monthsOf(2004, 12), ...monthsOf(2005, 6)].filter((month) => month !== IMPORTED);
  return months.map((period) => {
    const [year, month] = period.split('-').map(Number);
    const valueUsd = year === 2004 ? 1000 + 10 * month : 1200 + 15 * month;
    return { countryCode: 'CN', hsCode: CODE, period, valueUsd: `${valueUsd}.00`, weightKg: '1.000' };
  });
}

/** Each calendar month's mean over the window's years, as a share of the mean month (docs/analytics.md). */
function seasonality(values: Map<string, Decimal>, window: string[]): { month: number; index: string }[] {
  const means = Array.from({ length: 12 }, (_, i) => {
    const ofMonth = window.filter((period) => Number(period.slice(5)) === i + 1).map((period) => values.get(period) ?? new Decimal(0));
    return ofMonth.reduce((total, value) => total.plus(value), new Decimal(0)).div(ofMonth.length);
  });
  const sumOfMeans = means.reduce((total, mean) => total.plus(mean), new Decimal(0));
  return means.map((mean, i) => ({ month: i + 1, index: ratio(mean.times(12).div(sumOfMeans)) }));
}
