import { defineSnapshotTable } from '../../../platform/event-log/snapshot-table';

/** One row per statistic: its current figures, written with its events (see AggregateStore). */
export type ExportStatisticRow = {
  readonly key: string;
  readonly country_code: string;
  readonly hs_code: string;
  readonly year: number;
  readonly month: number;
  readonly value_usd: string;
  readonly weight_kg: string;
  readonly status: 'active' | 'retracted';
  readonly version: number;
  readonly updated_at: string;
};

export const EXPORT_STATISTIC_TABLE = defineSnapshotTable<ExportStatisticRow>({
  name: 'export_statistic',
  key: 'key',
  columns: {
    key: 'text',
    country_code: 'text',
    hs_code: 'text',
    year: 'smallint',
    month: 'smallint',
    value_usd: 'numeric',
    weight_kg: 'numeric',
    status: 'text',
    version: 'int',
    updated_at: 'timestamptz',
  },
});
