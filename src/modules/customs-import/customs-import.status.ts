import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL, type SqlPool } from '../../platform/database/pg-pool';
import { lastPositionOf } from '../../platform/event-log/log-positions';
import { HasReadModelPassedQuery } from '../dashboards';
import type { CustomsImportView } from './customs-import.view';

/** How long one status read waits for the projections' watermarks before answering `visible: false`. */
export const VISIBILITY_WAIT_MS = 500;

/** An import with what an operator follows it by: what it waits for, and whether the dashboards show it. */
export interface CustomsImportStatusView extends CustomsImportView {
  /** The configured daily quota (CUSTOMS_DAILY_QUOTA) that quotaUsedToday counts against. */
  readonly dailyQuota: number;
  /** What the import waits for now, in words; null once it has ended. */
  readonly waitingFor: string | null;
  /** The log position of the import's last event (pass it as a dashboard query's consistency); null before its first. */
  readonly lastPosition: string | null;
  /** The import has ended and the read model has passed its last event: the dashboards show all of it. */
  readonly visible: boolean;
}

@Injectable()
export class CustomsImportStatus {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: SqlPool,
    private readonly queries: QueryBus,
  ) {}

  async describe(view: CustomsImportView, waitMs = VISIBILITY_WAIT_MS): Promise<CustomsImportStatusView> {
    const lastPosition = await lastPositionOf(this.pool, view.correlationId);
    return { ...view, dailyQuota: this.config.CUSTOMS_DAILY_QUOTA, waitingFor: waitingFor(view), lastPosition, visible: await this.visible(view, lastPosition, waitMs) };
  }

  private async visible(view: CustomsImportView, lastPosition: string | null, waitMs: number): Promise<boolean> {
    if (!hasEnded(view)) return false;
    if (lastPosition === null) return true;
    return this.queries.execute(new HasReadModelPassedQuery(lastPosition, waitMs));
  }
}

export function hasEnded(view: Pick<CustomsImportView, 'state'>): boolean {
  return view.state === 'completed' || view.state === 'failed' || view.state === 'cancelled';
}

/** What keeps the import from moving on, for an operator; null once it has ended. */
export function waitingFor(view: CustomsImportView): string | null {
  const { state, counts } = view;
  const open = (counts.unitsByState.pending ?? 0) + (counts.unitsByState.fetched ?? 0) + (counts.unitsByState.applying ?? 0);
  switch (state) {
    case 'requested':
      return 'a worker to plan its units (CUSTOMS_IMPORT_WORKERS must be on in some instance)';
    case 'paused':
      return `the customs quota reset at ${view.pausedUntil?.toISOString() ?? 'an unknown time'}${view.pauseReason ? `: ${view.pauseReason}` : ''}`;
    case 'running':
      return `${counts.unitsByState.pending ?? 0} unit(s) to fetch, ${(counts.unitsByState.fetched ?? 0) + (counts.unitsByState.applying ?? 0)} to apply (${open} of ${counts.units} open)`;
    default:
      return null;
  }
}
