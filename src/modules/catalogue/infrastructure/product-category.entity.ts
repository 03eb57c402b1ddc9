import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * One row per category of the catalogue, written with its events (see AggregateStore). Level and
 * parent follow from the code; they are stored for queries and for the parent's foreign key.
 */
export class ProductCategoryRecord {
  declare [PrimaryKeyProp]?: 'key';
  key!: string;
  level!: number;
  /** Written as the parent's code; loads leave it an unloaded reference nobody reads. */
  parent!: ProductCategoryRecord | null;
  section!: string | null;
  descriptionEn!: string;
  descriptionKo!: string | null;
  version!: number;
  updatedAt!: Date;
}

export const ProductCategorySchema = new EntitySchema<ProductCategoryRecord>({
  class: ProductCategoryRecord,
  tableName: 'product_category',
  properties: {
    key: { type: 'string', columnType: 'varchar(10)', primary: true },
    level: { type: 'smallint' },
    parent: {
      kind: 'm:1',
      entity: () => ProductCategoryRecord, fieldName: 'parent_code',
      foreignKeyName: 'product_category_parent_code_fkey',
      nullable: true,
      deleteRule: 'no action',
      updateRule: 'no action',
    },
    section: { type: 'text', nullable: true },
    descriptionEn: { type: 'text' },
    descriptionKo: { type: 'text', nullable: true },
    version: { type: 'integer' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  checks: [
    { name: 'product_category_key_check', expression: `key ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$'` },
    { name: 'product_category_level_check', expression: 'level = any (array[2, 4, 6, 10])' },
    { name: 'product_category_version_check', expression: 'version > 0' },
  ],
});
