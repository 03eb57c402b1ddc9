import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';

/** A category as a bulk load knows it: every field given, nothing defaulted from the parent. */
export interface NewProductCategory {
  readonly hsCode: string;
  /** Null for a chapter outside the 21 sections (chapter 99) and its children. */
  readonly section: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo: string | null;
}

export interface CreateProductCategoriesResult {
  /** How many were created by this command; those already in the catalogue are not counted. */
  readonly saved: number;
  /** The last log position written, or null when every category existed already. */
  readonly position: string | null;
}

/**
 * Creates those of the given categories that are not in the catalogue yet, in one transaction,
 * and leaves the others as they are (never renamed), so sending it twice writes nothing the
 * second time. Parents go first: each parent is in the catalogue or earlier in the list. When a
 * concurrent writer creates one of them first, the whole command fails with the store's conflict
 * and writes nothing: send it again, it skips what the other wrote.
 */
export class CreateProductCategoriesCommand extends Command<CreateProductCategoriesResult> {
  constructor(
    readonly categories: readonly NewProductCategory[],
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
