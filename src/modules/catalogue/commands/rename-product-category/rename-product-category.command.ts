import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';
import type { RenameProductCategory } from '../../domain/product-category';

/** An absent description stays as it is; a null Korean one is cleared. */
export class RenameProductCategoryCommand extends Command<WriteResult> {
  constructor(
    readonly input: RenameProductCategory & { readonly hsCode: string; readonly expectedVersion: number },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
