import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HsCode } from '../../../../kernel/hs-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import type { ProductCategory } from '../../domain/product-category';
import { ProductCategoryRepository } from '../../infrastructure/product-category.repository';
import { RenameProductCategoryCommand } from './rename-product-category.command';

@CommandHandler(RenameProductCategoryCommand)
export class RenameProductCategoryHandler implements ICommandHandler<RenameProductCategoryCommand> {
  constructor(
    private readonly categories: ProductCategoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: RenameProductCategoryCommand): Promise<WriteResult> {
    const { hsCode, expectedVersion, descriptionEn, descriptionKo } = input;
    // With its expected version always given, a concurrent rename is the client's conflict.
    const rename = (category: ProductCategory) => category.rename({ descriptionEn: descriptionEn ?? undefined, descriptionKo }, expectedVersion);
    return this.categories.update(HsCode.of(hsCode), expectedVersion, rename, metadata, this.clock);
  }
}
