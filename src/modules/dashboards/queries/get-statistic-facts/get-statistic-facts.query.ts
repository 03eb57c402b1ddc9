import { Query } from '@nestjs/cqrs';
import type { ReadConsistency } from '../../freshness/read-model-freshness';
import type { Connection } from '../shared/ranking-page';

export interface StatisticFactFilter {
  readonly year: number;
  readonly monthFrom?: number | null;
  readonly monthTo?: number | null;
  readonly countryCode?: string | null;
  readonly chapter?: string | null;
  readonly heading?: string | null;
  readonly subheading?: string | null;
  /** Tombstones of retracted statistics too (with zero amounts). */
  readonly includeRetracted?: boolean | null;
}

export interface StatisticFactView {
  readonly key: string;
  readonly countryCode: string;
  readonly countryNameEn: string | null;
  readonly countryNameKo: string | null;
  readonly hsCode: string;
  readonly productNameEn: string | null;
  readonly productNameKo: string | null;
  readonly chapterCode: string;
  readonly headingCode: string | null;
  readonly subheadingCode: string | null;
  readonly period: string;
  readonly status: 'ACTIVE' | 'RETRACTED';
  readonly valueUsd: string;
  readonly weightKg: string;
  readonly version: number;
  readonly archived: boolean;
}

export type StatisticFactsView = Connection<StatisticFactView> & { readonly fresh: boolean | null };

/** The statistics themselves, filtered, in key order, a page at a time. */
export class GetStatisticFactsQuery extends Query<StatisticFactsView> {
  constructor(
    readonly filter: StatisticFactFilter,
    readonly first: number | null,
    readonly after: string | null,
    readonly consistency: ReadConsistency | null,
    /** Facts of deactivated countries too (archived: left out of every default query). */
    readonly includeArchived = false,
  ) {
    super();
  }
}
