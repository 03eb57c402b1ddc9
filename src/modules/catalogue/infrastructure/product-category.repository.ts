import { Injectable } from '@nestjs/common';
import { HsCode } from '../../../kernel/hs-code';
import { AggregateStore, StreamVersionConflict, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import type { EventMetadata, WriteResult } from '../../../platform/event-log/event-log.types';
import {
  DuplicateProductCategoryError,
  ProductCategoryNotFoundError,
  ProductCategoryVersionConflictError,
} from '../catalogue.errors';
import { ProductCategory } from '../domain/product-category';
import { PRODUCT_CATEGORY_TABLE, type ProductCategoryRow } from './product-category.table';

/** A decided change: the category with its pending events and the version the decision read (0: new). */
export interface DecidedProductCategory {
  readonly category: ProductCategory;
  readonly expectedVersion: number;
}

@Injectable()
export class ProductCategoryRepository {
  constructor(private readonly store: AggregateStore) {}

  async load(code: HsCode): Promise<ProductCategory> {
    const category = await this.find(code);
    if (!category) throw new ProductCategoryNotFoundError(code);
    return category;
  }

  async find(code: HsCode): Promise<ProductCategory | null> {
    const row = await this.store.load(PRODUCT_CATEGORY_TABLE, code.value);
    return row ? toAggregate(row) : null;
  }

  /** The codes among `codes` that are in the catalogue. */
  async existing(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.store.loadMany(PRODUCT_CATEGORY_TABLE, codes);
    return new Set(rows.map((row) => row.key));
  }

  /** Saves the pending events and the new row; losing the race to create a code means it exists. */
  async save(decided: DecidedProductCategory, metadata: EventMetadata, at: Date): Promise<WriteResult> {
    const { category, expectedVersion } = decided;
    try {
      return await this.store.save(PRODUCT_CATEGORY_TABLE, toChange(decided, at), metadata, at);
    } catch (error) {
      if (!(error instanceof StreamVersionConflict)) throw error;
      if (expectedVersion === 0) throw new DuplicateProductCategoryError(category.code);
      const actual = await this.load(category.code);
      throw new ProductCategoryVersionConflictError(category.code, expectedVersion, actual.version);
    }
  }

  /** All or nothing, in one transaction; StreamVersionConflict means "re-read and decide again". */
  async saveMany(
    decided: readonly DecidedProductCategory[],
    metadata: EventMetadata,
    at: Date,
  ): Promise<{ position: string | null; saved: number }> {
    return this.store.saveMany(PRODUCT_CATEGORY_TABLE, decided.map((item) => toChange(item, at)), metadata, at);
  }
}

function toChange({ category, expectedVersion }: DecidedProductCategory, at: Date): AggregateChange<ProductCategoryRow> {
  const { code, section, descriptionEn, descriptionKo, version } = category.toSnapshot();
  return {
    streamId: category.streamId,
    expectedVersion,
    events: category.pullPendingEvents(),
    row: {
      key: code.value,
      level: code.level,
      parent_code: code.parent?.value ?? null,
      section,
      description_en: descriptionEn,
      description_ko: descriptionKo,
      version,
      updated_at: at.toISOString(),
    },
  };
}

function toAggregate(row: ProductCategoryRow): ProductCategory {
  return ProductCategory.restore({
    code: HsCode.of(row.key),
    section: row.section,
    descriptionEn: row.description_en,
    descriptionKo: row.description_ko,
    version: row.version,
  });
}
