import { Args, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { RequireRole } from '../../../../platform/auth/roles.guard';
import type { StatisticKeyData } from '../../domain/statistic-key';
import { GetStatisticHistoryQuery } from './get-statistic-history.query';

/** The history reads the event log itself: it is the source of truth, not a projection of it. */
@Resolver()
export class GetStatisticHistoryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query('statisticHistory')
  @RequireRole('reader')
  async history(@Args() key: StatisticKeyData) {
    const entries = await this.queries.execute(new GetStatisticHistoryQuery(key));
    return entries.map(({ eventId, type, schemaVersion, streamVersion, position, occurredAt, metadata, data }) => ({
      eventId,
      type,
      schemaVersion,
      version: streamVersion,
      position,
      occurredAt,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      actor: metadata.actor,
      ...pick(data, ['valueUsd', 'weightKg', 'previousValueUsd', 'previousWeightKg', 'thresholdUsd', 'reason']),
    }));
  }
}

function pick(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, data[field] ?? null]));
}
