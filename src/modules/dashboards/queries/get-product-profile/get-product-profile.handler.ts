import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { HsCode } from '../../../../kernel/hs-code';
import { marketShare } from '../../analytics';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ProfileSubjectNotFoundError } from '../../dashboards.errors';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { ReadModelLookups } from '../../projections/read-model-lookups';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { Clock } from '../../../../platform/cqrs/clock';
import { PUBLICATION_HORIZON, type PublicationHorizon } from '../../publication/publication-horizon';
import { checkPastYear, nationalMonths, sumMonths, usd } from '../shared/read-model-reads';
import { topPartnersOfFacts } from '../shared/top-of-facts';
import { yearSeries, type YearSummary } from '../shared/year-series';
import { GetProductProfileQuery, type ProductProfileView } from './get-product-profile.query';

const LEVEL_FIELD = { 2: 'chapterCode', 4: 'headingCode', 6: 'subheadingCode' } as const;

@QueryHandler(GetProductProfileQuery)
export class GetProductProfileHandler implements IQueryHandler<GetProductProfileQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly lookups: ReadModelLookups,
    private readonly clock: Clock,
    @Inject(PUBLICATION_HORIZON) private readonly horizon: PublicationHorizon,
  ) {}

  async execute(query: GetProductProfileQuery): Promise<ProductProfileView> {
    const hs = HsCode.of(query.hsCode);
    if (hs.level === 10) throw new ValidationError('hsCode', 'profiles exist for chapters, headings and subheadings (2, 4 or 6 digits); use trend for a 10-digit line');
    const code = hs.value;
    const year = checkPastYear(query.year, this.clock.now());
    const fresh = await this.freshness.waitFor(query.consistency);
    const [known, summaries, national, names, partners, horizon] = await Promise.all([
      this.lookups.holds(this.indexes.products, code),
      this.es.search<YearSummary>({
        index: this.indexes['product-summaries'],
        size: 200,
        query: { bool: { filter: [{ term: { hsCode: code } }, { range: { year: { lte: year } } }] } },
        sort: [{ year: 'asc' }],
        _source: ['year', 'valueUsdCents', 'weightGrams', 'factCount', 'months'],
      }),
      nationalMonths(this.es, this.indexes['monthly-trends'], [year]),
      this.lookups.codeNames(this.indexes.products, [code]),
      topPartnersOfFacts(this.es, this.lookups, this.indexes, [{ term: { [LEVEL_FIELD[hs.level]]: code } }, { term: { year } }], 10),
      this.horizon.publishedThrough(),
    ]);
    // Asked beside the profile's reads, so a known subject (the usual case) waits for nothing more.
    if (!known) throw new ProfileSubjectNotFoundError('product', code);
    const own = names(code);
    const value = summaries.hits.hits.find((hit) => hit._source!.year === year)?._source?.valueUsdCents ?? 0;
    return {
      hsCode: code,
      level: hs.level,
      nameEn: own.nameEn,
      nameKo: own.nameKo,
      sectionCode: own.sectionCode,
      year,
      ...yearSeries(summaries.hits.hits.map((hit) => hit._source!), year, horizon),
      shareOfExports: marketShare(usd(value), usd(sumMonths(national.get(year)).valueUsdCents)),
      rank: value > 0 ? await this.rank(year, hs.level, value, code) : null,
      partnerCount: partners.count,
      partnerHhi: partners.hhi,
      topPartners: partners.top,
      fresh,
    };
  }

  private async rank(year: number, level: number, valueUsdCents: number, code: string): Promise<number> {
    const { count } = await this.es.count({
      index: this.indexes['product-summaries'],
      query: {
        bool: {
          filter: [{ term: { year } }, { term: { hsLevel: level } }],
          should: [
            { range: { valueUsdCents: { gt: valueUsdCents } } },
            { bool: { filter: [{ term: { valueUsdCents } }, { range: { hsCode: { lt: code } } }] } },
          ],
          minimum_should_match: 1,
        },
      },
    });
    return count + 1;
  }
}
