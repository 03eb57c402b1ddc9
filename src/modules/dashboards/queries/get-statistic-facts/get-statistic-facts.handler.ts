import { Client } from '@elastic/elasticsearch';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import type { QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { ValidationError } from '../../../../kernel/domain-error';
import { CENTS, fromUnits, GRAMS } from '../../domain/exact-units';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import { Clock } from '../../../../platform/cqrs/clock';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import type { FactDocument } from '../../projections/facts/fact.projector';
import { checkMonth, checkPageSize, checkPastYear, decodeCursor, encodeCursor, inactiveCountries } from '../shared/read-model-reads';
import { GetStatisticFactsQuery, type StatisticFactFilter, type StatisticFactsView } from './get-statistic-facts.query';

const CODE_FILTERS = [
  ['chapter', 'chapterCode', 2],
  ['heading', 'headingCode', 4],
  ['subheading', 'subheadingCode', 6],
] as const;

/**
 * Facts of inactive countries are left out, as everywhere on the dashboards: archived facts, and
 * (while the facts' flag catches up with a deactivation) those of countries the read model holds
 * inactive. `includeArchived` reaches them all.
 */
@QueryHandler(GetStatisticFactsQuery)
export class GetStatisticFactsHandler implements IQueryHandler<GetStatisticFactsQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetStatisticFactsQuery): Promise<StatisticFactsView> {
    const filters = this.filtersOf(query.filter);
    const first = checkPageSize(query.first, 50, 500);
    const after = decodeCursor(query.after, 1);
    const fresh = await this.freshness.waitFor(query.consistency);
    const excluded = query.includeArchived ? [] : [{ term: { archived: true } }, { terms: { countryCode: await inactiveCountries(this.es, this.indexes.countries) } }];
    const response = await this.es.search<FactDocument>({
      index: this.indexes.facts,
      size: first + 1,
      track_total_hits: true,
      query: { bool: { filter: filters, must_not: excluded } },
      sort: [{ key: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const facts = response.hits.hits.map((hit) => hit._source!);
    const edges = facts.slice(0, first).map((fact) => ({ cursor: encodeCursor([fact.key]), node: view(fact) }));
    const total = response.hits.total;
    return {
      totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
      edges,
      pageInfo: { hasNextPage: facts.length > first, endCursor: edges[edges.length - 1]?.cursor ?? null },
      fresh,
    };
  }

  private filtersOf(filter: StatisticFactFilter): QueryDslQueryContainer[] {
    const year = checkPastYear(filter.year, this.clock.now(), 'filter.year');
    const monthFrom = checkMonth(filter.monthFrom, 'filter.monthFrom') ?? 1;
    const monthTo = checkMonth(filter.monthTo, 'filter.monthTo') ?? 12;
    if (monthFrom > monthTo) throw new ValidationError('filter.monthTo', `must not be before monthFrom (${monthFrom})`);
    const filters: QueryDslQueryContainer[] = [{ term: { year } }, { range: { month: { gte: monthFrom, lte: monthTo } } }];
    if (!filter.includeRetracted) filters.push({ term: { status: 'active' } });
    if (filter.countryCode) filters.push({ term: { countryCode: CountryCode.of(filter.countryCode, 'filter.countryCode').value } });
    for (const [name, field, digits] of CODE_FILTERS) {
      const code = filter[name];
      if (code === null || code === undefined) continue;
      if (!new RegExp(`^\\d{${digits}}$`).test(code)) throw new ValidationError(`filter.${name}`, `must be ${digits} digits, got ${JSON.stringify(code)}`);
      filters.push({ term: { [field]: code } });
    }
    return filters;
  }
}

function view(fact: FactDocument) {
  return {
    key: fact.key,
    countryCode: fact.countryCode,
    countryNameEn: fact.countryNameEn,
    countryNameKo: fact.countryNameKo,
    hsCode: fact.hsCode,
    productNameEn: fact.productNameEn,
    productNameKo: fact.productNameKo,
    chapterCode: fact.chapterCode,
    headingCode: fact.headingCode,
    subheadingCode: fact.subheadingCode,
    period: fact.period,
    status: fact.status === 'active' ? ('ACTIVE' as const) : ('RETRACTED' as const),
    valueUsd: fromUnits(fact.valueUsdCents, CENTS),
    weightKg: fromUnits(fact.weightGrams, GRAMS),
    version: fact.streamVersion,
    archived: fact.archived === true,
  };
}
