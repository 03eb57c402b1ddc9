import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { ValidationError } from '../../../../kernel/domain-error';
import { HsCode } from '../../../../kernel/hs-code';
import { Period } from '../../../../kernel/period';
import { compoundAnnualGrowthRate, seasonalityIndex, yearOnYearGrowth } from '../../analytics';
import { unitsFromSum } from '../../domain/exact-units';
import { addFigures, type Figures, NO_FIGURES } from '../../domain/summary-figures';
import { countryScope, productScope, TOTAL_SCOPE } from '../../domain/summary-scopes';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { monthOnYearCoverage, monthsIn, publishedPart, rangeCagrCoverage, sumOver, type PeriodSpan, type RateCoverage } from '../../domain/published-months';
import { PUBLICATION_HORIZON, type PublicationHorizon } from '../../publication/publication-horizon';
import { Clock } from '../../../../platform/cqrs/clock';
import { coverageView, periodText, spanView } from '../shared/coverage-view';
import { checkNotFuture, figuresView, inactiveCountries, usd } from '../shared/read-model-reads';
import { GetTrendQuery, type TrendView } from './get-trend.query';

const MAX_MONTHS = 240;
const LEVEL_FIELD: Record<number, string> = { 2: 'chapterCode', 4: 'headingCode', 6: 'subheadingCode', 10: 'hsCode' };

/**
 * National, country and HS-code (2/4/6 digits) trends read the monthly trend documents; a 10-digit
 * line or a country and a code together aggregate the facts of the range instead. Points, growth,
 * CAGR and seasonality cover the published months of the range only (see published-months.ts);
 * a range reaching past the current month is refused.
 */
@QueryHandler(GetTrendQuery)
export class GetTrendHandler implements IQueryHandler<GetTrendQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
    @Inject(PUBLICATION_HORIZON) private readonly horizon: PublicationHorizon,
  ) {}

  async execute(query: GetTrendQuery): Promise<TrendView> {
    const now = this.clock.now();
    const from = checkNotFuture(Period.parse(query.from, 'from'), now, 'from');
    const to = checkNotFuture(Period.parse(query.to, 'to'), now, 'to');
    const months = from.monthsUntil(to) + 1;
    if (months < 1 || months > MAX_MONTHS) throw new ValidationError('to', `must be from "from" up to ${MAX_MONTHS} months later`);
    const country = query.countryCode ? CountryCode.of(query.countryCode, 'country').value : null;
    const hs = query.hsCode ? HsCode.of(query.hsCode) : null;
    const fresh = await this.freshness.waitFor(query.consistency);
    // A year before `from` too, for the growth of the first points (none exists before the first HS month).
    const range = { gte: (from.plusMonthsOrNull(-12) ?? Period.FIRST).toString(), lte: to.toString() };
    const [figures, horizon] = await Promise.all([
      hs && (country || hs.level === 10) ? this.fromFacts(range, country, hs) : this.fromTrends(range, scopeOf(country, hs)),
      this.horizon.publishedThrough(),
    ]);
    const at = (period: Period | null) => (period && figures.get(period.toString())) ?? NO_FIGURES;
    const sum = (span: PeriodSpan) => usd(sumOver(span, at, addFigures, NO_FIGURES).valueUsdCents);
    // Months after the horizon are not published yet: absent from the points and from every rate.
    const published = publishedPart({ from, to }, horizon);
    const points = Array.from({ length: published ? monthsIn(published) : 0 }, (_, i) => {
      const period = from.plusMonths(i);
      const covers = monthOnYearCoverage(period, horizon);
      return { period: period.toString(), year: period.year, month: period.month, ...figuresView(at(period)), ...growthOver(covers, sum) };
    });
    const cagr = rangeCagrCoverage({ from, to }, horizon);
    const seasonality = published && seasonalityIndex(valuesOf(published, at), { from: published.from.toString(), to: published.to.toString() });
    return {
      from: from.toString(),
      to: to.toString(),
      countryCode: country,
      hsCode: hs?.value ?? null,
      total: figuresView(published ? sumOver(published, at, addFigures, NO_FIGURES) : NO_FIGURES),
      points,
      cagr: cagr && {
        fromYear: cagr.base.from.year,
        toYear: cagr.current.from.year,
        rate: compoundAnnualGrowthRate({ firstValue: sum(cagr.base), lastValue: sum(cagr.current), years: cagr.current.from.year - cagr.base.from.year }),
        covers: coverageView(cagr)!,
      },
      seasonality: seasonality ?? null,
      seasonalityCovers: seasonality ? spanView(published) : null,
      publishedThrough: periodText(horizon),
      fresh,
    };
  }

  private async fromTrends(range: { gte: string; lte: string }, scope: string): Promise<Map<string, Figures>> {
    const response = await this.es.search<Figures & { period: string }>({
      index: this.indexes['monthly-trends'],
      size: MAX_MONTHS + 12,
      query: { bool: { filter: [{ term: { scope } }, { range: { period: range } }] } },
      _source: ['period', 'valueUsdCents', 'weightGrams', 'factCount'],
    });
    return new Map(response.hits.hits.map(({ _source }) => [_source!.period, _source!]));
  }

  private async fromFacts(range: { gte: string; lte: string }, country: string | null, hs: HsCode): Promise<Map<string, Figures>> {
    const filters: QueryDslQueryContainer[] = [{ term: { status: 'active' } }, { range: { period: range } }, { term: { [LEVEL_FIELD[hs.level]]: hs.value } }];
    if (country) filters.push({ term: { countryCode: country } });
    // A country asked for by name is shown even when inactive, as its own trend documents are.
    const inactive = country ? [] : await inactiveCountries(this.es, this.indexes.countries);
    const response = await this.es.search({
      index: this.indexes.facts,
      size: 0,
      query: { bool: { filter: filters, must_not: [{ terms: { countryCode: inactive } }] } },
      aggs: { months: { terms: { field: 'period', size: MAX_MONTHS + 12 }, aggs: { value: { sum: { field: 'valueUsdCents' } }, weight: { sum: { field: 'weightGrams' } } } } },
    });
    type Bucket = { key_as_string: string; doc_count: number; value: { value: number }; weight: { value: number } };
    const buckets = (response.aggregations?.months as { buckets: Bucket[] }).buckets;
    return new Map(
      buckets.map((b) => [b.key_as_string, { valueUsdCents: unitsFromSum(b.value.value), weightGrams: unitsFromSum(b.weight.value), factCount: b.doc_count }]),
    );
  }
}

/** A month-on-year rate and what it covers; both null when the month is not published. */
function growthOver(covers: RateCoverage | null, sum: (span: PeriodSpan) => string) {
  return { yoyGrowth: covers && yearOnYearGrowth(sum(covers.current), sum(covers.base)), yoyGrowthCovers: coverageView(covers) };
}

function valuesOf(span: PeriodSpan, at: (period: Period) => Figures) {
  return Array.from({ length: monthsIn(span) }, (_, i) => span.from.plusMonths(i)).map((period) => ({ period: period.toString(), value: usd(at(period).valueUsdCents) }));
}

function scopeOf(country: string | null, hs: HsCode | null): string {
  if (country) return countryScope(country);
  if (hs) return productScope(hs.value);
  return TOTAL_SCOPE;
}
