import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { Connection } from '../shared/ranking-page';

export type AlertKindName = 'THRESHOLD' | 'ANOMALY_RISE' | 'ANOMALY_DROP';
export type AlertStatusName = 'OPEN' | 'CLOSED';

export interface AlertFilter {
  readonly year: number;
  readonly month?: number | null;
  readonly kind?: AlertKindName | null;
  readonly country?: string | null;
  readonly status?: AlertStatusName | null;
}

export interface AlertView {
  readonly id: string;
  readonly kind: AlertKindName;
  readonly status: AlertStatusName;
  readonly countryCode: string;
  readonly hsCode: string;
  readonly chapterCode: string;
  readonly period: string;
  readonly valueUsd: string;
  readonly thresholdUsd: string | null;
  readonly yearAgoUsd: string | null;
  readonly trailingMeanUsd: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
}

export type AlertsView = Connection<AlertView> & { readonly fresh: boolean | null };

/** Threshold and anomaly alerts of a year or month, largest value first, a page at a time. */
export class GetAlertsQuery extends Query<AlertsView> {
  constructor(
    readonly filter: AlertFilter,
    readonly first: number | null,
    readonly after: string | null,
    readonly consistency: ReadConsistency | null,
  ) {
    super();
  }
}
