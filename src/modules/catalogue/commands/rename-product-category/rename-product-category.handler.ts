import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HsCode } from '../../../../kernel/hs-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
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
    const category = await this.categories.load(HsCode.of(hsCode));
    category.rename({ descriptionEn: descriptionEn ?? undefined, descriptionKo }, expectedVersion);
    // The save re-checks the version in the database, so a concurrent rename is a conflict.
    return this.categories.save({ category, expectedVersion }, metadata, this.clock.now());
  }
}
