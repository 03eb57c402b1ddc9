import { ReadModelIndexManager } from '../../src/modules/dashboards/elasticsearch/read-model-index-manager';
import { READ_MODEL_ALIASES } from '../../src/modules/dashboards/read-model.tokens';
import { ReadModelProjection } from '../../src/modules/dashboards/read-model.projection';
import { Period } from '../../src/kernel/period';
import { countryEvents as c, productEvents as p, statisticEvents as s } from '../support/read-model-events';
import { graphql, startTestApp, stopTestApp } from '../support/test-app';
import { TEST_READER_KEY } from '../support/test-config';

const AT = new Date('2026-02-01T00:00:00Z');

/**
 * The alerts query and the dashboard's open alert count through the app's own wiring (its anomaly
 * settings from the environment), over a hand-worked data set:
 *
 *   CN chapter 85: 1,000.00 in every month of 2025, then 10,000.00 in 2026-01: a rise
 *                  (10,000 > 2 × 1,000 against both baselines, 9,000 more: over the minimum of 500)
 *   US 8703231000: 2,000,000.00 in 2026-01, over the 1,000,000 threshold: a threshold alert
 *   VN chapter 85: 1,000.00 a month, then 1,200.00: no anomaly (not twice)
 */
describe('alerts through GraphQL', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const reader = { 'x-api-key': TEST_READER_KEY };
  const ask = async (query: string, variables: Record<string, unknown> = {}) => (await graphql(harness.app, query, variables, reader)).body;
  const FIELDS = 'id kind status countryCode hsCode chapterCode period valueUsd thresholdUsd yearAgoUsd trailingMeanUsd closedAt';

  beforeAll(async () => {
    harness = await startTestApp({ ALERT_ANOMALY_YOY_FACTOR: '2', ALERT_ANOMALY_MEAN_FACTOR: '2', ALERT_ANOMALY_MIN_USD: '500' });
    const year2025 = Array.from({ length: 12 }, (_, i) => Period.of(2025, 1).plusMonths(i).toString());
    await harness.app.get(ReadModelProjection).applyBatch(
      [
        c.registered('CN', 'China', '중국'),
        c.registered('US', 'United States', '미국'),
        c.registered('VN', 'Vietnam', '베트남'),
        p.created('85', 'Electrical machinery and equipment', '전기기기'),
        p.created('87', 'Vehicles other than railway', '철도 외의 차량'),
        ...year2025.map((period) => s.recorded(['CN', '8518309000', period], 1, '1000.00', '1.000', AT)),
        ...year2025.map((period) => s.recorded(['VN', '8518309000', period], 1, '1000.00', '1.000', AT)),
        s.recorded(['CN', '8518309000', '2026-01'], 1, '10000.00', '1.000', AT),
        s.recorded(['VN', '8518309000', '2026-01'], 1, '1200.00', '1.000', AT),
        s.recorded(['US', '8703231000', '2026-01'], 1, '2000000.00', '1.000', AT),
        s.thresholdExceeded(['US', '8703231000', '2026-01'], 2, '2000000.00', AT),
      ],
      harness.app.get(READ_MODEL_ALIASES),
    );
  });

  afterAll(async () => {
    await harness.app.get(ReadModelIndexManager).deleteAll();
    await stopTestApp(harness);
  });

  const threshold = {
    id: 'threshold-2026-01-US-8703231000',
    kind: 'THRESHOLD',
    status: 'OPEN',
    countryCode: 'US',
    hsCode: '8703231000',
    chapterCode: '87',
    period: '2026-01',
    valueUsd: '2000000.00',
    thresholdUsd: '1000000.00',
    yearAgoUsd: null,
    trailingMeanUsd: null,
    closedAt: null,
  };
  const rise = {
    id: 'anomaly-rise-2026-01-CN-85',
    kind: 'ANOMALY_RISE',
    status: 'OPEN',
    countryCode: 'CN',
    hsCode: '85',
    chapterCode: '85',
    period: '2026-01',
    valueUsd: '10000.00',
    thresholdUsd: null,
    yearAgoUsd: '1000.00',
    trailingMeanUsd: '1000.00',
    closedAt: null,
  };

  it('lists the month\'s alerts, largest value first, a page at a time', async () => {
    const first = await ask(`{ alerts(year: 2026, month: 1, first: 1) { totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`);
    const page = (first as { data: { alerts: { pageInfo: { endCursor: string } } } }).data.alerts;
    const second = await ask(`query($after: String) { alerts(year: 2026, month: 1, first: 1, after: $after) { totalCount edges { node { ${FIELDS} } } pageInfo { hasNextPage } } }`, {
      after: page.pageInfo.endCursor,
    });

    expect(first).toEqual({
      data: { alerts: { totalCount: 2, edges: [{ cursor: expect.any(String), node: threshold }], pageInfo: { hasNextPage: true, endCursor: expect.any(String) } } },
    });
    expect(second).toEqual({ data: { alerts: { totalCount: 2, edges: [{ node: rise }], pageInfo: { hasNextPage: false } } } });
  });

  it('filters by kind and country, and the dashboard counts the period\'s open alerts', async () => {
    expect(await ask(`{ alerts(year: 2026, kind: ANOMALY_RISE) { totalCount edges { node { id } } } }`)).toEqual({
      data: { alerts: { totalCount: 1, edges: [{ node: { id: rise.id } }] } },
    });
    expect(await ask(`{ alerts(year: 2026, country: "US", status: OPEN) { edges { node { id } } } }`)).toEqual({
      data: { alerts: { edges: [{ node: { id: threshold.id } }] } },
    });
    expect(await ask(`{ alerts(year: 2025) { totalCount } }`)).toEqual({ data: { alerts: { totalCount: 0 } } });
    expect(await ask(`{ m: dashboardSummary(year: 2026, month: 1) { openAlertCount } y: dashboardSummary(year: 2025) { openAlertCount } }`)).toEqual({
      data: { m: { openAlertCount: 2 }, y: { openAlertCount: 0 } },
    });
  });

  it.each([
    ['year: 2026, month: 13', 'month', 'VALIDATION'],
    ['year: 2026, country: "C1"', 'country', 'VALIDATION'],
    ['year: 2026, first: 501', 'first', 'VALIDATION'],
    ['year: 2026, after: "not-a-cursor"', 'after', 'VALIDATION'],
    ['year: 2999', 'year', 'VALIDATION'],
  ])('bad input (%s) is a typed error naming the argument', async (argument, field, code) => {
    const body = (await ask(`{ alerts(${argument}) { totalCount } }`)) as { data: unknown; errors: { extensions: Record<string, unknown> }[] };
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code, field });
  });
});
