import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';

export interface CreateProductCategoryInput {
  readonly hsCode: string;
  /** Defaults to the parent's section; a chapter without one stands outside the 21 sections. */
  readonly section?: string | null;
  readonly descriptionEn: string;
  readonly descriptionKo?: string | null;
}

export class CreateProductCategoryCommand extends Command<WriteResult> {
  constructor(
    readonly input: CreateProductCategoryInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
