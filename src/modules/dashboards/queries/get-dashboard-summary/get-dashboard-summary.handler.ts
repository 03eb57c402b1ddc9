import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { herfindahlHirschmanIndex, yearOnYearGrowth } from '../../analytics';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import {
  PARTNER_FIELDS,
  PARTNER_SORT,
  PRODUCT_FIELDS,
  PRODUCT_SORT,
  partnerRow,
  productRow,
  type PartnerSource,
  type ProductSource,
} from '../shared/ranking-rows';
import { unitsFromSum } from '../../domain/exact-units';
import type { MonthFigures } from '../../domain/summary-figures';
import { Period } from '../../../../kernel/period';
import { Clock } from '../../../../platform/cqrs/clock';
import { monthOnYearCoverage, publishedMonthsOf, yearOnYearCoverage } from '../../domain/published-months';
import { PUBLICATION_HORIZON, type PublicationHorizon } from '../../publication/publication-horizon';
import { coverageView, periodText } from '../shared/coverage-view';
import { checkHsLevel, checkPageSize, checkPastYearMonth, figuresView, monthlyView, sumMonths, usd } from '../shared/read-model-reads';
import { GetDashboardSummaryQuery, type DashboardSummaryView } from './get-dashboard-summary.query';

/**
 * Reads only summaries, never facts: a handful of small documents whatever the number of facts,
 * which is what keeps the dashboard in tens of milliseconds at tens of millions of statistics.
 * A year reads the year summaries; a month reads that month's trend documents.
 */
@QueryHandler(GetDashboardSummaryQuery)
export class GetDashboardSummaryHandler implements IQueryHandler<GetDashboardSummaryQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
    @Inject(PUBLICATION_HORIZON) private readonly horizon: PublicationHorizon,
  ) {}

  async execute(query: GetDashboardSummaryQuery): Promise<DashboardSummaryView> {
    const { year, month } = checkPastYearMonth(query.year, query.month, this.clock.now());
    const top = checkPageSize(query.top, 10, 100, 'top');
    const level = checkHsLevel(query.productLevel, 6, 'productLevel');
    const fresh = await this.freshness.waitFor(query.consistency);
    const [{ responses }, horizon] = await Promise.all([this.nationalAndTopSearches(year, month, top, level), this.horizon.publishedThrough()]);
    const [partnerValues, topPartners, products, nationalMonths, openAlerts] = responses.map(succeeded);
    const byYear = new Map<number, MonthFigures[]>([[year, []], [year - 1, []]]);
    for (const hit of nationalMonths.hits.hits as { _source: MonthFigures & { year: number } }[]) byYear.get(hit._source.year)?.push(hit._source);
    const total = sumMonths(byYear.get(year), month);
    // Like months: the month against the same month a year earlier, or the year's published
    // months (January to the horizon for a year in progress) against the same months before.
    const covers = month !== null ? monthOnYearCoverage(Period.of(year, month), horizon) : yearOnYearCoverage(year, horizon);
    const compared = (y: number) => usd(sumMonths(byYear.get(y)?.filter((m) => covers && m.month >= covers.current.from.month && m.month <= covers.current.to.month)).valueUsdCents);
    const values = (partnerValues.aggregations?.partners as { buckets: { value: { value: number } }[] }).buckets.map((bucket) => usd(unitsFromSum(bucket.value.value)));
    return {
      year,
      month,
      total: figuresView(total),
      yoyGrowth: covers && yearOnYearGrowth(compared(year), compared(year - 1)),
      yoyGrowthCovers: coverageView(covers),
      partnerCount: values.length,
      productCount: totalHits(products.hits.total),
      partnerHhi: herfindahlHirschmanIndex(values),
      topPartners: topPartners.hits.hits.map((hit, i) => partnerRow(hit._source as PartnerSource, i + 1, total.valueUsdCents)),
      topProducts: products.hits.hits.map((hit, i) => productRow(hit._source as ProductSource, i + 1, total.valueUsdCents)),
      monthlyTrend: monthlyView(year, byYear.get(year) ?? [], publishedMonthsOf(year, horizon)),
      publishedThrough: periodText(horizon),
      openAlertCount: totalHits(openAlerts.hits.total),
      fresh,
    };
  }

  private nationalAndTopSearches(year: number, month: number | null, top: number, level: number) {
    const monthly = month !== null;
    const period = monthly ? [{ term: { year } }, { term: { month } }] : [{ term: { year } }];
    const partnerFilter = { bool: { filter: [...period, ...(monthly ? [{ term: { kind: 'country' } }] : []), { term: { active: true } }, { range: { factCount: { gt: 0 } } }] } };
    const partnerIndex = monthly ? this.indexes['monthly-trends'] : this.indexes['country-summaries'];
    // One round trip; Elasticsearch runs the five searches side by side. Every partner's value
    // (for the count and HHI) comes as terms buckets, which is far cheaper than fetching hundreds
    // of documents; only the top ones are fetched.
    return this.es.msearch({
      searches: [
        { index: partnerIndex },
        { size: 0, query: partnerFilter, aggs: { partners: { terms: { field: 'countryCode', size: 1_000 }, aggs: { value: { sum: { field: 'valueUsdCents' } } } } } },
        { index: partnerIndex },
        { size: top, query: partnerFilter, sort: PARTNER_SORT, _source: PARTNER_FIELDS },
        { index: monthly ? this.indexes['monthly-trends'] : this.indexes['product-summaries'] },
        {
          size: top,
          track_total_hits: true,
          query: { bool: { filter: [...period, { term: { hsLevel: level } }, { range: { factCount: { gt: 0 } } }] } },
          sort: PRODUCT_SORT,
          _source: PRODUCT_FIELDS,
        },
        { index: this.indexes['monthly-trends'] },
        {
          size: 24,
          query: { bool: { filter: [{ term: { scope: 'total' } }, { terms: { year: [year, year - 1] } }] } },
          _source: ['year', 'month', 'valueUsdCents', 'weightGrams', 'factCount'],
        },
        { index: this.indexes.alerts },
        { size: 0, track_total_hits: true, query: { bool: { filter: [...period, { term: { status: 'open' } }] } } },
      ],
    });
  }
}

type SearchAnswer = { hits: { hits: { _source?: unknown }[]; total?: number | { value: number } }; aggregations?: Record<string, unknown> };

function succeeded(answer: unknown): SearchAnswer {
  if (answer && typeof answer === 'object' && 'error' in answer) throw new Error(`dashboard search failed: ${JSON.stringify((answer as { error: unknown }).error)}`);
  return answer as SearchAnswer;
}

function totalHits(total: number | { value: number } | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}
