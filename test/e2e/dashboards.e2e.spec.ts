import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { READ_MODEL_ALIASES } from '../../src/modules/dashboards/read-model.tokens';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { dashboardDataSet } from '../support/dashboard-data-set';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_READER_KEY } from '../support/test-config';

/**
 * Every dashboard query over the hand-worked data set of dashboard-data-set.ts, fed straight into
 * this run's own indexes. The expected totals, shares, growth, HHI, CAGR and seasonality are
 * worked out in the comments from those figures, never read back from the service.
 */
describe('dashboard queries through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const reader = { 'x-api-key': TEST_READER_KEY };
  const ask = async (query: string, variables: Record<string, unknown> = {}) => (await graphql(harness.app, query, variables, reader)).body;

  beforeAll(async () => {
    harness = await startTestApp();
    await harness.app.get(ReadModelProjection).applyBatch(dashboardDataSet(), harness.app.get(READ_MODEL_ALIASES));
  });

  afterAll(async () => {
    await harness.app.get(ReadModelIndexManager).deleteAll();
    await stopTestApp(harness);
  });

  const zero = (period: string) => ({ period, valueUsd: '0.00' });
  // The data set ends in August 2026: the latest published month, so 2026 lists January-August only.
  const months = (year: number, values: Record<number, string>, through = year === 2026 ? 8 : 12) =>
    Array.from({ length: through }, (_, i) => {
      const period = `${year}-${String(i + 1).padStart(2, '0')}`;
      return values[i + 1] ? { period, valueUsd: values[i + 1] } : zero(period);
    });
  const seasonality = (indexes: Record<number, string>) =>
    Array.from({ length: 12 }, (_, i) => ({ month: i + 1, index: indexes[i + 1] ?? '0.000000' }));

  it('dashboardSummary of a year: RU (inactive) and the retracted JP figure left out', async () => {
    const body = await ask(`{
      dashboardSummary(year: 2026) {
        year month total { valueUsd weightKg statisticCount } yoyGrowth
        yoyGrowthCovers { base { from to months } current { from to months } } partnerCount productCount partnerHhi
        topPartners { rank countryCode nameEn nameKo valueUsd weightKg statisticCount share }
        topProducts { rank hsCode level nameEn nameKo valueUsd weightKg statisticCount share }
        monthlyTrend { period valueUsd } publishedThrough fresh
      } }`);

    // 2026: CN 200 + US 100 + US 500 + VN 200 = 1000; 2025: 100 + 300 + 100 = 500 -> growth 1.0,
    // over January-August of both (2026 is published through August, the data set's last month).
    // Shares US 0.6, CN 0.2, VN 0.2 (CN before VN: equal values rank by code); HHI .36+.04+.04.
    // Subheadings 851830 (200+100+200) and 870323 (500) tie at 500: by code.
    expect(body).toEqual({
      data: {
        dashboardSummary: {
          year: 2026,
          month: null,
          total: { valueUsd: '1000.00', weightKg: '1533.000', statisticCount: 4 },
          yoyGrowth: '1.000000',
          yoyGrowthCovers: { base: { from: '2025-01', to: '2025-08', months: 8 }, current: { from: '2026-01', to: '2026-08', months: 8 } },
          partnerCount: 3,
          productCount: 2,
          partnerHhi: '0.440000',
          topPartners: [
            { rank: 1, countryCode: 'US', nameEn: 'United States', nameKo: '미국', valueUsd: '600.00', weightKg: '1505.000', statisticCount: 2, share: '0.600000' },
            { rank: 2, countryCode: 'CN', nameEn: 'China', nameKo: '중국', valueUsd: '200.00', weightKg: '20.000', statisticCount: 1, share: '0.200000' },
            { rank: 3, countryCode: 'VN', nameEn: 'Vietnam', nameKo: '베트남', valueUsd: '200.00', weightKg: '8.000', statisticCount: 1, share: '0.200000' },
          ],
          topProducts: [
            { rank: 1, hsCode: '851830', level: 6, nameEn: 'Headphones and earphones', nameKo: '헤드폰과 이어폰', valueUsd: '500.00', weightKg: '33.000', statisticCount: 3, share: '0.500000' },
            { rank: 2, hsCode: '870323', level: 6, nameEn: 'Cars of 1,500-3,000 cc', nameKo: '승용차(1,500-3,000cc)', valueUsd: '500.00', weightKg: '1500.000', statisticCount: 1, share: '0.500000' },
          ],
          monthlyTrend: months(2026, { 3: '800.00', 8: '200.00' }),
          publishedThrough: '2026-08',
          fresh: null,
        },
      },
    });
  });

  it('dashboardSummary of a month, with top 1 and headings', async () => {
    const body = await ask(`{
      dashboardSummary(year: 2026, month: 3, top: 1, productLevel: 4) {
        month total { valueUsd statisticCount } yoyGrowth partnerCount productCount partnerHhi
        topPartners { countryCode share } topProducts { hsCode share }
      } }`);

    // March 2026: CN 200 + US 100 + US 500 = 800; March 2025: 400 -> growth 1.0.
    // US 600 (0.75), CN 200 (0.25): HHI .5625 + .0625. Headings 8703 500 (0.625), 8518 300.
    expect(body).toEqual({
      data: {
        dashboardSummary: {
          month: 3,
          total: { valueUsd: '800.00', statisticCount: 3 },
          yoyGrowth: '1.000000',
          partnerCount: 2,
          productCount: 2,
          partnerHhi: '0.625000',
          topPartners: [{ countryCode: 'US', share: '0.750000' }],
          topProducts: [{ hsCode: '8703', share: '0.625000' }],
        },
      },
    });
  });

  it('countryProfile: growth, share, rank, CAGR, seasonality and top products of a partner', async () => {
    const body = await ask(`{
      countryProfile(code: "us", year: 2026) {
        countryCode nameEn nameKo regionCode regionNameEn continentCode continentNameEn active year
        total { valueUsd weightKg statisticCount } previousYear { valueUsd } yoyGrowth shareOfExports rank
        cagr { fromYear toYear rate covers { base { from to } current { from to } } } monthly { period valueUsd }
        seasonality { month index } seasonalityCovers { from to months }
        productCount topProducts { rank hsCode nameEn valueUsd share } fresh
      } }`);

    // US: 2025 300, 2026 600 -> growth 1.0 and CAGR (600/300)^(1/1) - 1 = 1.0 over January-August;
    // share 600/1000. Seasonality over 2025-01 to 2026-08: all of it in March (mean 450 of a mean
    // of means 450 / 12) -> 12.
    expect(body).toEqual({
      data: {
        countryProfile: {
          countryCode: 'US',
          nameEn: 'United States',
          nameKo: '미국',
          regionCode: '021',
          regionNameEn: 'Northern America',
          continentCode: '019',
          continentNameEn: 'Americas',
          active: true,
          year: 2026,
          total: { valueUsd: '600.00', weightKg: '1505.000', statisticCount: 2 },
          previousYear: { valueUsd: '300.00' },
          yoyGrowth: '1.000000',
          shareOfExports: '0.600000',
          rank: 1,
          cagr: { fromYear: 2025, toYear: 2026, rate: '1.000000', covers: { base: { from: '2025-01', to: '2025-08' }, current: { from: '2026-01', to: '2026-08' } } },
          monthly: months(2026, { 3: '600.00' }),
          seasonality: seasonality({ 3: '12.000000' }),
          seasonalityCovers: { from: '2025-01', to: '2026-08', months: 20 },
          productCount: 2,
          topProducts: [
            { rank: 1, hsCode: '870323', nameEn: 'Cars of 1,500-3,000 cc', valueUsd: '500.00', share: '0.833333' },
            { rank: 2, hsCode: '851830', nameEn: 'Headphones and earphones', valueUsd: '100.00', share: '0.166667' },
          ],
          fresh: null,
        },
      },
    });
  });

  it('countryProfile of a deactivated country: its own figures, but no share and no rank', async () => {
    const body = await ask('{ countryProfile(code: "RU", year: 2026) { active total { valueUsd } shareOfExports rank cagr { rate } } }');

    expect(body).toEqual({ data: { countryProfile: { active: false, total: { valueUsd: '1000.00' }, shareOfExports: null, rank: null, cagr: null } } });
  });

  it.each([
    ['countryProfile(code: "QQ", year: 2026) { countryCode }', 'countryProfile', 'READ_MODEL.COUNTRY_NOT_FOUND', 'QQ', 'No country QQ is registered'],
    ['productProfile(hsCode: "8599", year: 2026) { hsCode }', 'productProfile', 'READ_MODEL.PRODUCT_NOT_FOUND', '8599', 'No HS code 8599 is in the catalogue'],
  ])('%s: a subject the service does not know is NOT_FOUND, not a profile of zeros', async (selection, path, errorCode, key, message) => {
    const body = await ask(`{ ${selection} }`);

    expect(body).toEqual({
      data: null,
      errors: [{ message, locations: [{ line: 1, column: 3 }], path: [path], extensions: { code: 'NOT_FOUND', errorCode, key } }],
    });
  });

  it('productProfile of a heading: partners, HHI, rank among headings, CAGR and seasonality', async () => {
    const body = await ask(`{
      productProfile(hsCode: "8518", year: 2026) {
        hsCode level nameEn nameKo sectionCode year total { valueUsd statisticCount } previousYear { valueUsd }
        yoyGrowth shareOfExports rank cagr { fromYear toYear rate } monthly { period valueUsd } seasonality { month index }
        partnerCount partnerHhi topPartners { rank countryCode valueUsd share } fresh
      } }`);

    // 8518: 2026 CN 200 + US 100 + VN 200 = 500 (JP retracted); 2025 CN 100 -> growth 4.0, CAGR 4.0.
    // Ties with 8703 at 500: rank 1 by code. Seasonality 2025-2026: March 400, August 200 of 600.
    // Partners CN .4, VN .4, US .2 -> HHI .16 + .16 + .04.
    expect(body).toEqual({
      data: {
        productProfile: {
          hsCode: '8518',
          level: 4,
          nameEn: 'Microphones, loudspeakers, headphones',
          nameKo: '마이크로폰, 확성기, 헤드폰',
          sectionCode: 'XVI',
          year: 2026,
          total: { valueUsd: '500.00', statisticCount: 3 },
          previousYear: { valueUsd: '100.00' },
          yoyGrowth: '4.000000',
          shareOfExports: '0.500000',
          rank: 1,
          cagr: { fromYear: 2025, toYear: 2026, rate: '4.000000' },
          monthly: months(2026, { 3: '300.00', 8: '200.00' }),
          seasonality: seasonality({ 3: '8.000000', 8: '4.000000' }),
          partnerCount: 3,
          partnerHhi: '0.360000',
          topPartners: [
            { rank: 1, countryCode: 'CN', valueUsd: '200.00', share: '0.400000' },
            { rank: 2, countryCode: 'VN', valueUsd: '200.00', share: '0.400000' },
            { rank: 3, countryCode: 'US', valueUsd: '100.00', share: '0.200000' },
          ],
          fresh: null,
        },
      },
    });
  });

  it('trend: national months with growth over the year before, CAGR over like months and seasonality of the published months', async () => {
    const body = await ask(
      '{ trend(from: "2025-01", to: "2026-12") { from to countryCode hsCode total { valueUsd } points { period valueUsd yoyGrowth } cagr { fromYear toYear rate covers { current { from to } } } seasonality { month index } seasonalityCovers { months } publishedThrough fresh } }',
    );

    // 2025: March 400, August 100; 2026: March 800, August 200. Both Marches and Augusts double.
    // Seasonality over 2025-01 to 2026-08, the published months: March mean 600, August mean 150,
    // mean of the twelve means 750 / 12 -> 9.6 and 2.4. CAGR January-August: 500 -> 1000 over 1 year.
    // September-December 2026 are not published: no points for them.
    const points = [...months(2025, { 3: '400.00', 8: '100.00' }), ...months(2026, { 3: '800.00', 8: '200.00' })].map((point) => ({
      ...point,
      yoyGrowth: ['2026-03', '2026-08'].includes(point.period) ? '1.000000' : null,
    }));
    expect(body).toEqual({
      data: {
        trend: {
          from: '2025-01',
          to: '2026-12',
          countryCode: null,
          hsCode: null,
          total: { valueUsd: '1500.00' },
          points,
          cagr: { fromYear: 2025, toYear: 2026, rate: '1.000000', covers: { current: { from: '2026-01', to: '2026-08' } } },
          seasonality: seasonality({ 3: '9.600000', 8: '2.400000' }),
          seasonalityCovers: { months: 20 },
          publishedThrough: '2026-08',
          fresh: null,
        },
      },
    });
  });

  it('trend of a country and a 10-digit line together, from the facts', async () => {
    const body = await ask('{ trend(from: "2026-02", to: "2026-04", country: "US", hsCode: "8703231000") { countryCode hsCode total { valueUsd weightKg } points { period valueUsd yoyGrowth } cagr { rate } seasonality { index } } }');

    expect(body).toEqual({
      data: {
        trend: {
          countryCode: 'US',
          hsCode: '8703231000',
          total: { valueUsd: '500.00', weightKg: '1500.000' },
          points: [
            { period: '2026-02', valueUsd: '0.00', yoyGrowth: null },
            // US cars: March 2025 300 -> March 2026 500.
            { period: '2026-03', valueUsd: '500.00', yoyGrowth: '0.666667' },
            { period: '2026-04', valueUsd: '0.00', yoyGrowth: null },
          ],
          cagr: null,
          seasonality: null,
        },
      },
    });
  });

  it('partnerRanking pages with a cursor, ranks continuing across pages', async () => {
    const page = (after?: string) =>
      ask('query($after: String) { partnerRanking(year: 2026, first: 2, after: $after) { totalCount edges { cursor node { rank countryCode share } } pageInfo { hasNextPage endCursor } fresh } }', { after });

    const first = (await page()) as { data: { partnerRanking: { pageInfo: { endCursor: string } } } };
    const second = await page(first.data.partnerRanking.pageInfo.endCursor);

    const cursor = expect.any(String);
    expect(first).toEqual({
      data: {
        partnerRanking: {
          totalCount: 3,
          edges: [
            { cursor, node: { rank: 1, countryCode: 'US', share: '0.600000' } },
            { cursor, node: { rank: 2, countryCode: 'CN', share: '0.200000' } },
          ],
          pageInfo: { hasNextPage: true, endCursor: cursor },
          fresh: null,
        },
      },
    });
    expect(second).toEqual({
      data: {
        partnerRanking: {
          totalCount: 3,
          edges: [{ cursor, node: { rank: 3, countryCode: 'VN', share: '0.200000' } }],
          pageInfo: { hasNextPage: false, endCursor: cursor },
          fresh: null,
        },
      },
    });
  });

  it('productRanking of chapters in a month', async () => {
    const body = await ask('{ productRanking(year: 2026, month: 8, level: 2) { totalCount edges { node { rank hsCode nameKo valueUsd share } } pageInfo { hasNextPage } } }');

    expect(body).toEqual({
      data: {
        productRanking: {
          totalCount: 1,
          edges: [{ node: { rank: 1, hsCode: '85', nameKo: '전기기기', valueUsd: '200.00', share: '1.000000' } }],
          pageInfo: { hasNextPage: false },
        },
      },
    });
  });

  it.each([
    ['Korean inside a word', '기기', ['85']],
    ['Korean word prefix', '헤드', ['8518', '851830']],
    ['English word prefix', 'headph', ['8518', '851830']],
    ['a code prefix', '8703', ['8703', '870323']],
  ])('searchProducts by %s (%s)', async (_, text, codes) => {
    const body = (await ask('query($text: String!) { searchProducts(text: $text) { totalCount hits { hsCode } fresh } }', { text })) as {
      data: { searchProducts: { totalCount: number; hits: { hsCode: string }[] } };
    };

    expect(body).toEqual({ data: { searchProducts: { totalCount: codes.length, hits: expect.any(Array), fresh: null } } });
    expect(body.data.searchProducts.hits.map((hit) => hit.hsCode).sort()).toEqual(codes);
  });

  it('statisticFacts filtered by chapter, a page at a time, with and without tombstones', async () => {
    const query = `query($filter: StatisticFactFilter!) { statisticFacts(filter: $filter, first: 2) {
      totalCount edges { node { key countryNameKo productNameEn subheadingCode period status valueUsd weightKg version } }
      pageInfo { hasNextPage } } }`;

    const active = await ask(query, { filter: { year: 2026, chapter: '85' } });
    const withTombstones = (await ask(query, { filter: { year: 2026, monthFrom: 8, monthTo: 8, heading: '8518', includeRetracted: true } })) as object;

    const fact = (key: string, countryNameKo: string, period: string, valueUsd: string, weightKg: string, version = 1, status = 'ACTIVE') => ({
      node: { key, countryNameKo, productNameEn: null, subheadingCode: '851830', period, status, valueUsd, weightKg, version },
    });
    expect(active).toEqual({
      data: {
        statisticFacts: {
          totalCount: 3,
          edges: [
            fact('CN-8518309000-2026-03', '중국', '2026-03', '200.00', '20.000', 2),
            fact('US-8518309000-2026-03', '미국', '2026-03', '100.00', '5.000'),
          ],
          pageInfo: { hasNextPage: true },
        },
      },
    });
    expect(withTombstones).toEqual({
      data: {
        statisticFacts: {
          totalCount: 2,
          edges: [
            fact('JP-8518309000-2026-08', '일본', '2026-08', '0.00', '0.000', 2, 'RETRACTED'),
            fact('VN-8518309000-2026-08', '베트남', '2026-08', '200.00', '8.000'),
          ],
          pageInfo: { hasNextPage: false },
        },
      },
    });
  });

  it('answers a bad cursor and a bad level as VALIDATION errors', async () => {
    const body = await ask('{ productRanking(year: 2026, level: 5, after: "nope") { totalCount } }');

    expect(body).toEqual({
      data: null,
      errors: [
        {
          message: 'level must be 2, 4 or 6, got 5',
          locations: [{ line: 1, column: 3 }],
          path: ['productRanking'],
          extensions: { code: 'VALIDATION', errorCode: 'VALIDATION.INVALID_FIELD', field: 'level', reason: 'must be 2, 4 or 6, got 5' },
        },
      ],
    });
  });
});
