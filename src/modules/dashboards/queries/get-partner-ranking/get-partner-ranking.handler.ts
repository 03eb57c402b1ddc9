import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { Clock } from '../../../../platform/cqrs/clock';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { rankingPage } from '../shared/ranking-page';
import { PARTNER_FIELDS, PARTNER_ORDER, partnerRow, type PartnerSource } from '../shared/ranking-rows';
import { checkPageSize, checkPastYearMonth, nationalMonths, sumMonths } from '../shared/read-model-reads';
import { GetPartnerRankingQuery, type PartnerRankingView } from './get-partner-ranking.query';

@QueryHandler(GetPartnerRankingQuery)
export class GetPartnerRankingHandler implements IQueryHandler<GetPartnerRankingQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetPartnerRankingQuery): Promise<PartnerRankingView> {
    const { year, month } = checkPastYearMonth(query.year, query.month, this.clock.now());
    const first = checkPageSize(query.first, 20, 250);
    const fresh = await this.freshness.waitFor(query.consistency);
    const monthly = month !== null;
    const national = await nationalMonths(this.es, this.indexes['monthly-trends'], [year]);
    const totalCents = sumMonths(national.get(year), month).valueUsdCents;
    const page = await rankingPage<PartnerSource, ReturnType<typeof partnerRow>>(
      this.es,
      {
        index: monthly ? this.indexes['monthly-trends'] : this.indexes['country-summaries'],
        query: {
          bool: {
            filter: [
              { term: { year } },
              ...(monthly ? [{ term: { month } }, { term: { kind: 'country' } }] : []),
              { term: { active: true } },
              { range: { factCount: { gt: 0 } } },
            ],
          },
        },
        order: PARTNER_ORDER,
        fields: PARTNER_FIELDS,
        first,
        after: query.after,
      },
      (source) => [source.valueUsdCents, source.countryCode],
      (source, rank) => partnerRow(source, rank, totalCents),
    );
    return { ...page, fresh };
  }
}
