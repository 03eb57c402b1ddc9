import Decimal from 'decimal.js';
import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import type { StatisticInput } from '../../src/modules/statistics/statistic-input';
import { Clock } from '../../src/platform/cqrs/clock';
import { READ_MODEL_ALIASES } from '../../src/modules/dashboards/read-model.tokens';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { countryEvents as c } from '../support/read-model-events';
import { deleteStatistics, keyOf } from '../support/statistic-builders';
import { graphql } from '../support/test-app';
import { startLiveTestApp, stopLiveTestApp, type TestApp } from '../support/live-test-app';
import { TEST_READER_KEY, testConfig, uniqueName } from '../support/test-config';

/**
 * Data that ends mid-year, through the whole write and read path: statistics recorded over GraphQL
 * for 2023-01 to 2026-06, the relay and consumers projecting them into this run's own indexes, and
 * the clock on 10 August 2026 (July's figures are due around the 15th). June 2026 is the latest
 * published month, so every rate over 2026 compares January-June with January-June.
 *
 * Expected figures come twice, both independent of the dashboards' code: worked by hand in the
 * comments (as literals), and from SQL over the statistics this test recorded, with decimal.js.
 *
 *   January-June   CN each month   US months 1-4, 5-6   national January-June
 *   2023           100.00          50.00, 100.00        1000.00
 *   2024           120.00          60.00, 120.00        1200.00
 *   2025           125.00          62.50, 125.00        1250.00
 *   2026           133.10          66.55, 133.10        1331.00
 *   July-December of 2023-2025: CN 300.00 and US 200.00 a month (3000.00 a year); none of 2026 yet.
 */
const EASTERN_ASIA = { code: '030', nameEn: 'Eastern Asia', nameKo: '동아시아' };
const NORTHERN_AMERICA = { code: '021', nameEn: 'Northern America', nameKo: '북부 아메리카' };

describe('rates over a year in progress compare like months, and a future period is refused', () => {
  const NOW = new Date('2026-08-10T03:00:00Z');
  const reader = { 'x-api-key': TEST_READER_KEY };
  const relayName = uniqueName('test-relay');
  const db = new Pool({ connectionString: testConfig().DATABASE_URL, max: 2 });
  // Codes no other test or earlier run uses (see aStatisticInput).
  const CODES = { CN: `85${String(randomInt(0, 10 ** 8)).padStart(8, '0')}`, US: `87${String(randomInt(0, 10 ** 8)).padStart(8, '0')}` } as const;
  const inputs = statistics(CODES);
  let harness: TestApp | undefined;
  let position: string;

  const ask = async (query: string) => {
    const consistency = `consistency: { atLeastPosition: "${position}", timeoutMs: 10000 }`;
    return (await graphql(harness!.app, query.replaceAll('$consistency', consistency), {}, reader)).body as { data: Record<string, Record<string, unknown>> | null; errors?: unknown[] };
  };

  beforeAll(async () => {
    harness = await startLiveTestApp(db, relayName);
    jest.spyOn(harness.app.get(Clock), 'now').mockReturnValue(NOW);
    // The relay starts at the head, so the countries registered long ago reach this run's indexes
    // only this way (a profile of a country the read model does not know is NOT_FOUND).
    await harness.app.get(ReadModelProjection).applyBatch(
      [c.registered('CN', 'China', '중국', EASTERN_ASIA), c.registered('US', 'United States', '미국', NORTHERN_AMERICA)],
      harness.app.get(READ_MODEL_ALIASES),
    );
    const receipt = (await graphql(harness.app, 'mutation($items: [RecordExportStatisticInput!]!) { recordExportStatistics(items: $items) { recorded position } }', { items: inputs }))
      .body as { data: { recordExportStatistics: { recorded: number; position: string } } };
    expect(receipt.data.recordExportStatistics.recorded).toBe(inputs.length);
    position = receipt.data.recordExportStatistics.position;
    // A query waits at most 10 s for the projections; on a loaded machine the first pass through
    // relay, consumers and summaries can take longer, so wait (bounded) until they are there.
    for (let attempt = 0; attempt < 12; attempt++) {
      const probe = await ask('{ trend(from: "2026-06", to: "2026-06", $consistency) { fresh } }');
      if (probe.data?.trend?.fresh === true) break;
    }
  }, 180_000);

  afterAll(async () => {
    await deleteStatistics(db, inputs.map(keyOf));
    await stopLiveTestApp(db, relayName, harness);
    await db.end();
  });

  /** Sums of this test's statistics per year over months 1..throughMonth, from PostgreSQL. */
  const sqlYearSums = async (throughMonth: number, country?: string): Promise<Map<number, Decimal>> => {
    const { rows } = await db.query<{ year: number; value: string }>(
      `select year, sum(value_usd)::text as value from export_statistic
        where key = any($1::text[]) and status = 'active' and month <= $2 and ($3::text is null or country_code = $3)
        group by year`,
      [inputs.map(keyOf), throughMonth, country ?? null],
    );
    return new Map(rows.map((row) => [row.year, new Decimal(row.value)]));
  };
  const ratio = (value: Decimal) => value.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
  const growth = (current: Decimal, base: Decimal) => ratio(current.minus(base).div(base));
  const cagr = (first: Decimal, last: Decimal, years: number) => ratio(last.div(first).pow(new Decimal(1).div(years)).minus(1));
  const span = (from: string, to: string, months: number) => ({ from, to, months });
  const januaryToJune = (baseYear: number) => ({ base: span(`${baseYear}-01`, `${baseYear}-06`, 6), current: span('2026-01', '2026-06', 6) });

  it('trend over a range ending in the year in progress: points through June only, CAGR and growth over January-June, seasonality over the published months', async () => {
    const body = await ask(`{ trend(from: "2023-01", to: "2026-08", $consistency) {
      total { valueUsd } points { period valueUsd yoyGrowth yoyGrowthCovers { base { from to months } current { from to months } } }
      cagr { fromYear toYear rate covers { base { from to months } current { from to months } } }
      seasonality { month index } seasonalityCovers { from to months } publishedThrough fresh } }`);

    const trend = body.data!.trend as { points: { period: string }[] } & Record<string, unknown>;
    const halves = await sqlYearSums(6);
    const { rows: monthMeans } = await db.query<{ month: number; mean: string }>(
      `select month, avg(value)::text as mean from (
         select year, month, sum(value_usd) as value from export_statistic where key = any($1::text[]) group by year, month
       ) monthly group by month order by month`,
      [inputs.map(keyOf)],
    );
    const means = monthMeans.map((row) => new Decimal(row.mean));
    const sumOfMeans = means.reduce((sum, mean) => sum.plus(mean), new Decimal(0));
    const { rows: totals } = await db.query<{ total: string }>('select sum(value_usd)::text as total from export_statistic where key = any($1::text[])', [inputs.map(keyOf)]);

    // 2023 -> 2026 over January-June: 1000 -> 1331 over 3 years, 1.331^(1/3) - 1 = 10 % a year.
    // (Over whole years the range's last year would have read 1331 / 4000: -0.25 a year.)
    expect(trend.cagr).toEqual({ fromYear: 2023, toYear: 2026, rate: '0.100000', covers: januaryToJune(2023) });
    expect(trend.cagr).toEqual(expect.objectContaining({ rate: cagr(halves.get(2023)!, halves.get(2026)!, 3) }));
    // 42 published months, 2023-01 to 2026-06: July and August 2026 are not points at all.
    expect(trend.points.map((point) => point.period)).toEqual(monthsFrom(2023, 42));
    // June 2026 266.20 against June 2025 250.00.
    expect(trend.points[41]).toEqual({ period: '2026-06', valueUsd: '266.20', yoyGrowth: '0.064800', yoyGrowthCovers: { base: span('2025-06', '2025-06', 1), current: span('2026-06', '2026-06', 1) } });
    // Means: January-April (150 + 180 + 187.5 + 199.65) / 4 = 179.2875, May-June (200 + 240 + 250 +
    // 266.2) / 4 = 239.05, July-December 500 over three years; sum of the means 4195.25.
    expect((trend.seasonality as { index: string }[]).map((m) => m.index)).toEqual([
      ...Array(4).fill('0.512830'), ...Array(2).fill('0.683773'), ...Array(6).fill('1.430189'),
    ]);
    expect(trend.seasonality).toEqual(means.map((mean, i) => ({ month: i + 1, index: ratio(mean.times(12).div(sumOfMeans)) })));
    expect(trend).toEqual(
      expect.objectContaining({ total: { valueUsd: '13781.00' }, seasonalityCovers: span('2023-01', '2026-06', 42), publishedThrough: '2026-06', fresh: true }),
    );
    expect(new Decimal(totals[0].total).toFixed(2)).toBe('13781.00');
  });

  it('countryProfile of the year in progress: growth, previous year and CAGR over January-June, months through June', async () => {
    const body = await ask(`{ countryProfile(code: "CN", year: 2026, $consistency) {
      total { valueUsd } previousYear { valueUsd } yoyGrowth yoyGrowthCovers { base { from to months } current { from to months } }
      cagr { fromYear toYear rate covers { base { from to months } current { from to months } } } monthly { period valueUsd } publishedThrough fresh } }`);

    const halves = await sqlYearSums(6, 'CN');
    // CN January-June: 2025 750.00, 2026 798.60 -> 6.48 %; from 2023 (600.00): 1.331^(1/3) - 1.
    // Against all of 2025 (2550.00) it would have read -68.7 %.
    expect(body).toEqual({
      data: {
        countryProfile: {
          total: { valueUsd: '798.60' },
          previousYear: { valueUsd: '750.00' },
          yoyGrowth: '0.064800',
          yoyGrowthCovers: januaryToJune(2025),
          cagr: { fromYear: 2023, toYear: 2026, rate: '0.100000', covers: januaryToJune(2023) },
          monthly: monthsFrom(2026, 6).map((period) => ({ period, valueUsd: '133.10' })),
          publishedThrough: '2026-06',
          fresh: true,
        },
      },
    });
    expect([growth(halves.get(2026)!, halves.get(2025)!), cagr(halves.get(2023)!, halves.get(2026)!, 3), halves.get(2025)!.toFixed(2)]).toEqual(['0.064800', '0.100000', '750.00']);
  });

  it('dashboardSummary: the year in progress against January-June, a whole year against a whole year, an unpublished month without a rate', async () => {
    const body = await ask(`{
      inProgress: dashboardSummary(year: 2026, $consistency) { total { valueUsd } yoyGrowth yoyGrowthCovers { base { from to months } current { from to months } } monthlyTrend { period } publishedThrough }
      whole: dashboardSummary(year: 2025, $consistency) { total { valueUsd } yoyGrowth yoyGrowthCovers { base { months } current { months } } }
      july: dashboardSummary(year: 2026, month: 7, $consistency) { total { valueUsd } yoyGrowth yoyGrowthCovers { base { from } } }
    }`);

    const [halves, wholeYears] = [await sqlYearSums(6), await sqlYearSums(12)];
    // 1331 / 1250 - 1 = 6.48 %; 2025 4250.00 against 2024 4200.00: 4250 / 4200 - 1 = 1.1905 %.
    expect(body).toEqual({
      data: {
        inProgress: { total: { valueUsd: '1331.00' }, yoyGrowth: '0.064800', yoyGrowthCovers: januaryToJune(2025), monthlyTrend: monthsFrom(2026, 6).map((period) => ({ period })), publishedThrough: '2026-06' },
        whole: { total: { valueUsd: '4250.00' }, yoyGrowth: '0.011905', yoyGrowthCovers: { base: { months: 12 }, current: { months: 12 } } },
        july: { total: { valueUsd: '0.00' }, yoyGrowth: null, yoyGrowthCovers: null },
      },
    });
    expect([growth(halves.get(2026)!, halves.get(2025)!), growth(wholeYears.get(2025)!, wholeYears.get(2024)!)]).toEqual(['0.064800', '0.011905']);
  });

  it.each([
    ['trend(from: "2026-01", to: "2026-09") { total { valueUsd } }', 'trend', 'to', '2026-09'],
    ['trend(from: "2027-01", to: "2027-02") { total { valueUsd } }', 'trend', 'from', '2027-01'],
    ['countryProfile(code: "CN", year: 2027) { yoyGrowth }', 'countryProfile', 'year', '2027'],
    ['productProfile(hsCode: "85", year: 2027) { yoyGrowth }', 'productProfile', 'year', '2027'],
    ['dashboardSummary(year: 2026, month: 9) { yoyGrowth }', 'dashboardSummary', 'month', '2026-09'],
    ['partnerRanking(year: 2027) { totalCount }', 'partnerRanking', 'year', '2027'],
    ['productRanking(year: 2026, month: 12) { totalCount }', 'productRanking', 'month', '2026-12'],
    ['statisticFacts(filter: { year: 2027 }) { totalCount }', 'statisticFacts', 'filter.year', '2027'],
  ])('%s: a period after the current month is a typed VALIDATION error and nothing else', async (selection, path, field, asked) => {
    const body = await ask(`{ ${selection} }`);

    const reason = `${asked} is in the future (it is 2026-08 in Korea)`;
    expect(body).toEqual({
      data: null,
      errors: [{ message: `${field} ${reason}`, locations: [{ line: 1, column: 3 }], path: [path], extensions: { code: 'VALIDATION', errorCode: 'READ_MODEL.FUTURE_PERIOD', field, reason, currentPeriod: '2026-08' } }],
    });
  });
});

/** The statistics of the table above: one 10-digit code per country. */
function statistics(codes: { CN: string; US: string }): StatisticInput[] {
  const firstHalf: Record<number, { cn: string; us: string }> = {
    2023: { cn: '100.00', us: '50.00' },
    2024: { cn: '120.00', us: '60.00' },
    2025: { cn: '125.00', us: '62.50' },
    2026: { cn: '133.10', us: '66.55' },
  };
  const items: StatisticInput[] = [];
  const add = (countryCode: 'CN' | 'US', period: string, valueUsd: string) => items.push({ countryCode, hsCode: codes[countryCode], period, valueUsd, weightKg: '1.000' });
  for (const period of monthsFrom(2023, 42)) {
    const [year, month] = period.split('-').map(Number);
    if (month <= 6) {
      const { cn, us } = firstHalf[year];
      add('CN', period, cn);
      add('US', period, month <= 4 ? us : new Decimal(us).times(2).toFixed(2));
    } else {
      add('CN', period, '300.00');
      add('US', period, '200.00');
    }
  }
  return items;
}

/** `count` consecutive YYYY-MM from January of `year`. */
function monthsFrom(year: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${year + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
}
