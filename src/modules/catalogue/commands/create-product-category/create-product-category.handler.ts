import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HsCode } from '../../../../kernel/hs-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { ProductCategory } from '../../domain/product-category';
import { ProductCategoryRepository } from '../../infrastructure/product-category.repository';
import { CreateProductCategoryCommand } from './create-product-category.command';

@CommandHandler(CreateProductCategoryCommand)
export class CreateProductCategoryHandler implements ICommandHandler<CreateProductCategoryCommand> {
  constructor(
    private readonly categories: ProductCategoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: CreateProductCategoryCommand): Promise<WriteResult> {
    const code = HsCode.of(input.hsCode);
    // The only code the decision asks about is the parent; the foreign key backs the answer up.
    const parent = code.parent && (await this.categories.find(code.parent));
    const category = ProductCategory.create(
      {
        code,
        section: input.section ?? parent?.section ?? null,
        descriptionEn: input.descriptionEn,
        descriptionKo: input.descriptionKo ?? null,
      },
      { reference: { exists: (candidate) => candidate === parent?.code.value } },
    );
    // Decided on an empty stream: the insert proves it empty, or the code is already in the catalogue.
    return this.categories.save({ category, expectedVersion: 0 }, metadata, this.clock.now());
  }
}
