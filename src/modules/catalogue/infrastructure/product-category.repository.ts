import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { HsCode } from '../../../kernel/hs-code';
import { AggregateRepository } from '../../../platform/event-log/aggregate-repository';
import { AggregateStore, type AggregateChange } from '../../../platform/event-log/aggregate-store';
import {
  DuplicateProductCategoryError,
  ProductCategoryNotFoundError,
  ProductCategoryVersionConflictError,
} from '../catalogue.errors';
import { ProductCategory } from '../domain/product-category';
import { ProductCategoryRecord } from './product-category.entity';

/** A decided change: the category with its pending events and the version the decision read (0: new). */
export interface DecidedProductCategory {
  readonly category: ProductCategory;
  readonly expectedVersion: number;
}

@Injectable()
export class ProductCategoryRepository extends AggregateRepository<DecidedProductCategory, ProductCategoryRecord, ProductCategory, HsCode> {
  constructor(store: AggregateStore, em: EntityManager) {
    super(store, em, ProductCategoryRecord);
  }

  async load(code: HsCode): Promise<ProductCategory> {
    const category = await this.find(code);
    if (!category) throw new ProductCategoryNotFoundError(code);
    return category;
  }

  protected decided(category: ProductCategory, expectedVersion: number): DecidedProductCategory {
    return { category, expectedVersion };
  }

  async find(code: HsCode): Promise<ProductCategory | null> {
    const record = await this.findRecord(code.value);
    return record ? toAggregate(record) : null;
  }

  /** The codes among `codes` that are in the catalogue. */
  async existing(codes: readonly string[]): Promise<Set<string>> {
    const records = await this.findRecords(codes);
    return new Set(records.map((record) => record.key));
  }

  /** Losing the race to create a code means it exists. */
  protected lostRace({ category, expectedVersion }: DecidedProductCategory, actualVersion: number): DuplicateProductCategoryError | ProductCategoryVersionConflictError {
    if (expectedVersion === 0) return new DuplicateProductCategoryError(category.code);
    return new ProductCategoryVersionConflictError(category.code, expectedVersion, actualVersion);
  }

  protected toChange({ category, expectedVersion }: DecidedProductCategory, at: Date): AggregateChange<ProductCategoryRecord> {
    const { code, section, descriptionEn, descriptionKo, version } = category.toSnapshot();
    return {
      streamId: category.streamId,
      expectedVersion,
      events: category.pullPendingEvents(),
      row: {
        key: code.value,
        level: code.level,
        parent: code.parent?.value ?? null,
        section,
        descriptionEn,
        descriptionKo,
        version,
        updatedAt: at,
      },
    };
  }
}

function toAggregate(record: ProductCategoryRecord): ProductCategory {
  return ProductCategory.restore({
    code: HsCode.of(record.key),
    section: record.section,
    descriptionEn: record.descriptionEn,
    descriptionKo: record.descriptionKo,
    version: record.version,
  });
}
