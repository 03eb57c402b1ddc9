import { defineSnapshotTable } from '../../../platform/event-log/snapshot-table';

/** One row per registered country: its names, region and whether it is in use (see AggregateStore). */
export type CountryRow = {
  readonly key: string;
  readonly name_en: string;
  readonly name_ko: string;
  readonly region_code: string | null;
  readonly region_name_en: string | null;
  readonly region_name_ko: string | null;
  readonly active: boolean;
  readonly version: number;
  readonly updated_at: string;
};

export const COUNTRY_TABLE = defineSnapshotTable<CountryRow>({
  name: 'country',
  key: 'key',
  columns: {
    key: 'text',
    name_en: 'text',
    name_ko: 'text',
    region_code: 'text',
    region_name_en: 'text',
    region_name_ko: 'text',
    active: 'boolean',
    version: 'int',
    updated_at: 'timestamptz',
  },
});
