import { DomainEvent } from '../../../kernel/domain-event';
import { HsLevel } from '../../../kernel/hs-code';

// Persisted and sent on the wire: never change a type string; a new data shape needs a new
// schemaVersion. Every event carries the HS code, which is its routing key.

export const PRODUCT_CATEGORY_CREATED = 'ProductCategoryCreated';
export const PRODUCT_CATEGORY_RENAMED = 'ProductCategoryRenamed';

export type ProductCategoryCreated = DomainEvent<
  typeof PRODUCT_CATEGORY_CREATED,
  {
    readonly code: string;
    readonly level: HsLevel;
    readonly parentCode: string | null;
    readonly section: string | null;
    readonly descriptionEn: string;
    readonly descriptionKo: string | null;
  },
  1
>;

/** Carries both descriptions as they are after the change, so consumers need no earlier event. */
export type ProductCategoryRenamed = DomainEvent<
  typeof PRODUCT_CATEGORY_RENAMED,
  { readonly code: string; readonly descriptionEn: string; readonly descriptionKo: string | null },
  1
>;

export type ProductCategoryEvent = ProductCategoryCreated | ProductCategoryRenamed;
