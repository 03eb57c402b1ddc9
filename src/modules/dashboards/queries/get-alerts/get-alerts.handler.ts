import { Client } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer, SortCombinations } from '@elastic/elasticsearch/lib/api/types';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import { QUERY_CLIENT } from '../../../../platform/elasticsearch/elasticsearch.module';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelFreshness } from '../../freshness/read-model-freshness';
import type { AlertDocument, AlertKind } from '../../projections/alerts/alert-document';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { checkPageSize, checkPastYearMonth, decodeCursor, encodeCursor } from '../shared/read-model-reads';
import { GetAlertsQuery, type AlertFilter, type AlertKindName, type AlertsView, type AlertView } from './get-alerts.query';

const KINDS: Readonly<Record<AlertKindName, AlertKind>> = { THRESHOLD: 'threshold', ANOMALY_RISE: 'anomaly-rise', ANOMALY_DROP: 'anomaly-drop' };
const KIND_NAMES = Object.fromEntries(Object.entries(KINDS).map(([name, kind]) => [kind, name])) as Record<AlertKind, AlertKindName>;

/** Kind, period and scope make the id, so this order is total (8.x refuses to sort on _id). */
const SORT: SortCombinations[] = [{ valueUsdCents: 'desc' }, { period: 'asc' }, { scope: 'asc' }, { kind: 'asc' }];

@QueryHandler(GetAlertsQuery)
export class GetAlertsHandler implements IQueryHandler<GetAlertsQuery> {
  constructor(
    @Inject(QUERY_CLIENT) private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
    private readonly freshness: ReadModelFreshness,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetAlertsQuery): Promise<AlertsView> {
    const filters = this.filtersOf(query.filter);
    const first = checkPageSize(query.first, 20, 500);
    const after = decodeCursor(query.after, SORT.length);
    const fresh = await this.freshness.waitFor(query.consistency);
    const response = await this.es.search<AlertDocument>({
      index: this.indexes.alerts,
      size: first + 1,
      track_total_hits: true,
      query: { bool: { filter: filters } },
      sort: SORT,
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    const edges = hits.slice(0, first).map((hit) => ({ cursor: encodeCursor(hit.sort as (string | number)[]), node: view(hit._id!, hit._source!) }));
    const total = response.hits.total;
    return {
      totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
      edges,
      pageInfo: { hasNextPage: hits.length > first, endCursor: edges[edges.length - 1]?.cursor ?? null },
      fresh,
    };
  }

  /** Bad input is a VALIDATION error naming the argument, before anything is read. */
  private filtersOf(filter: AlertFilter): QueryDslQueryContainer[] {
    const { year, month } = checkPastYearMonth(filter.year, filter.month, this.clock.now());
    const filters: QueryDslQueryContainer[] = [{ term: { year } }];
    if (month !== null) filters.push({ term: { month } });
    if (filter.kind) filters.push({ term: { kind: KINDS[filter.kind] } });
    if (filter.status) filters.push({ term: { status: filter.status === 'OPEN' ? 'open' : 'closed' } });
    if (filter.country !== null && filter.country !== undefined) filters.push({ term: { countryCode: CountryCode.of(filter.country, 'country').value } });
    return filters;
  }
}

function view(id: string, alert: AlertDocument): AlertView {
  return {
    id,
    kind: KIND_NAMES[alert.kind],
    status: alert.status === 'open' ? 'OPEN' : 'CLOSED',
    countryCode: alert.countryCode,
    hsCode: alert.hsCode,
    chapterCode: alert.chapterCode,
    period: alert.period,
    valueUsd: alert.valueUsd,
    thresholdUsd: alert.thresholdUsd,
    yearAgoUsd: alert.yearAgoUsd,
    trailingMeanUsd: alert.trailingMeanUsd,
    openedAt: alert.openedAt,
    updatedAt: alert.updatedAt,
    closedAt: alert.closedAt,
  };
}
