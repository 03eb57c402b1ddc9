import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { Clock } from '../../../../platform/cqrs/clock';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { rankingPage } from '../shared/ranking-page';
import { PRODUCT_FIELDS, PRODUCT_ORDER, productRow, type ProductSource } from '../shared/ranking-rows';
import { checkHsLevel, checkPageSize, checkPastYearMonth, nationalMonths, sumMonths } from '../shared/read-model-reads';
import { GetProductRankingQuery, type ProductRankingView } from './get-product-ranking.query';

@QueryHandler(GetProductRankingQuery)
export class GetProductRankingHandler implements IQueryHandler<GetProductRankingQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetProductRankingQuery): Promise<ProductRankingView> {
    const { year, month } = checkPastYearMonth(query.year, query.month, this.clock.now());
    const level = checkHsLevel(query.level);
    const first = checkPageSize(query.first, 20, 250);
    const fresh = await this.freshness.waitFor(query.consistency);
    const monthly = month !== null;
    const national = await nationalMonths(this.es, this.indexes['monthly-trends'], [year]);
    const totalCents = sumMonths(national.get(year), month).valueUsdCents;
    const page = await rankingPage<ProductSource, ReturnType<typeof productRow>>(
      this.es,
      {
        index: monthly ? this.indexes['monthly-trends'] : this.indexes['product-summaries'],
        query: {
          bool: { filter: [{ term: { year } }, ...(monthly ? [{ term: { month } }] : []), { term: { hsLevel: level } }, { range: { factCount: { gt: 0 } } }] },
        },
        order: PRODUCT_ORDER,
        fields: PRODUCT_FIELDS,
        first,
        after: query.after,
      },
      (source) => [source.valueUsdCents, source.hsCode],
      (source, rank) => productRow(source, rank, totalCents),
    );
    return { ...page, fresh };
  }
}
