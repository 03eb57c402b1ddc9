import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { marketShare } from '../../analytics';
import { regionNamesOf } from '../../domain/denormalized-names';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ProfileSubjectNotFoundError } from '../../dashboards.errors';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { ReadModelLookups } from '../../projections/read-model-lookups';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { Clock } from '../../../../platform/cqrs/clock';
import { PUBLICATION_HORIZON, type PublicationHorizon } from '../../publication/publication-horizon';
import { checkPastYear, nationalMonths, sumMonths, usd } from '../shared/read-model-reads';
import { topProductsOfFacts } from '../shared/top-of-facts';
import { yearSeries, type YearSummary } from '../shared/year-series';
import { GetCountryProfileQuery, type CountryProfileView } from './get-country-profile.query';

@QueryHandler(GetCountryProfileQuery)
export class GetCountryProfileHandler implements IQueryHandler<GetCountryProfileQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly lookups: ReadModelLookups,
    private readonly clock: Clock,
    @Inject(PUBLICATION_HORIZON) private readonly horizon: PublicationHorizon,
  ) {}

  async execute(query: GetCountryProfileQuery): Promise<CountryProfileView> {
    const code = CountryCode.of(query.code, 'code').value;
    const year = checkPastYear(query.year, this.clock.now());
    const fresh = await this.freshness.waitFor(query.consistency);
    const [known, summaries, nationalByYear, countries, products, horizon] = await Promise.all([
      this.lookups.holds(this.indexes.countries, code),
      this.es.search<YearSummary>({
        index: this.indexes['country-summaries'],
        size: 200,
        query: { bool: { filter: [{ term: { countryCode: code } }, { range: { year: { lte: year } } }] } },
        sort: [{ year: 'asc' }],
        _source: ['year', 'valueUsdCents', 'weightGrams', 'factCount', 'months'],
      }),
      nationalMonths(this.es, this.indexes['monthly-trends'], [year]),
      this.lookups.countries(this.indexes.countries, [code]),
      topProductsOfFacts(this.es, this.lookups, this.indexes, [{ term: { countryCode: code } }, { term: { year } }], 10),
      this.horizon.publishedThrough(),
    ]);
    // Asked beside the profile's reads, so a known subject (the usual case) waits for nothing more.
    if (!known) throw new ProfileSubjectNotFoundError('country', code);
    const country = countries.get(code)!;
    const series = yearSeries(summaries.hits.hits.map((hit) => hit._source!), year, horizon);
    const value = summaries.hits.hits.find((hit) => hit._source!.year === year)?._source?.valueUsdCents ?? 0;
    const national = sumMonths(nationalByYear.get(year));
    return {
      countryCode: code,
      nameEn: country.countryNameEn,
      nameKo: country.countryNameKo,
      ...regionNamesOf(country),
      active: country.active,
      year,
      ...series,
      shareOfExports: country.active ? marketShare(usd(value), usd(national.valueUsdCents)) : null,
      rank: country.active && value > 0 ? await this.rank(year, value, code) : null,
      productCount: products.count,
      topProducts: products.top,
      fresh,
    };
  }

  /** 1 + the active partners above this one (ties: by code, as in the rankings). */
  private async rank(year: number, valueUsdCents: number, code: string): Promise<number> {
    const { count } = await this.es.count({
      index: this.indexes['country-summaries'],
      query: {
        bool: {
          filter: [{ term: { year } }, { term: { active: true } }],
          should: [
            { range: { valueUsdCents: { gt: valueUsdCents } } },
            { bool: { filter: [{ term: { valueUsdCents } }, { range: { countryCode: { lt: code } } }] } },
          ],
          minimum_should_match: 1,
        },
      },
    });
    return count + 1;
  }
}
