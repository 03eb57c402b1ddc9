import { defineSnapshotTable } from '../../../platform/event-log/snapshot-table';

/**
 * One row per category of the catalogue, written with its events (see AggregateStore). Level and
 * parent follow from the code; they are stored for queries and for the parent's foreign key.
 */
export type ProductCategoryRow = {
  readonly key: string;
  readonly level: number;
  readonly parent_code: string | null;
  readonly section: string | null;
  readonly description_en: string;
  readonly description_ko: string | null;
  readonly version: number;
  readonly updated_at: string;
};

export const PRODUCT_CATEGORY_TABLE = defineSnapshotTable<ProductCategoryRow>({
  name: 'product_category',
  key: 'key',
  columns: {
    key: 'text',
    level: 'smallint',
    parent_code: 'text',
    section: 'text',
    description_en: 'text',
    description_ko: 'text',
    version: 'int',
    updated_at: 'timestamptz',
  },
});
