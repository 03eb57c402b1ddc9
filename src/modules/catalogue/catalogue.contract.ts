/**
 * The catalogue context's published wire contract (see statistics.contract.ts for why it is
 * written out). Every message carries the HS code, its routing key.
 */
export const CATALOGUE_MESSAGE_TYPES = {
  created: 'ProductCategoryCreated',
  renamed: 'ProductCategoryRenamed',
} as const;

export interface ProductCategoryCreatedV1 {
  readonly code: string;
  readonly level: 2 | 4 | 6 | 10;
  readonly parentCode: string | null;
  readonly section: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo: string | null;
}

/** Carries both descriptions as they are after the change, so consumers need no earlier message. */
export interface ProductCategoryRenamedV1 {
  readonly code: string;
  readonly descriptionEn: string;
  readonly descriptionKo: string | null;
}

export type CatalogueMessage =
  | { readonly type: typeof CATALOGUE_MESSAGE_TYPES.created; readonly schemaVersion: 1; readonly data: ProductCategoryCreatedV1 }
  | { readonly type: typeof CATALOGUE_MESSAGE_TYPES.renamed; readonly schemaVersion: 1; readonly data: ProductCategoryRenamedV1 };
