import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { HsCode } from '../../../../kernel/hs-code';
import { Clock } from '../../../../platform/cqrs/clock';
import { ProductCategoryRepository } from '../../infrastructure/product-category.repository';
import {
  CreateProductCategoriesCommand,
  type CreateProductCategoriesResult,
} from './create-product-categories.command';
import { categoriesToCreate } from './decide-creations';

@CommandHandler(CreateProductCategoriesCommand)
export class CreateProductCategoriesHandler implements ICommandHandler<CreateProductCategoriesCommand> {
  constructor(
    private readonly categories: ProductCategoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ categories, metadata }: CreateProductCategoriesCommand): Promise<CreateProductCategoriesResult> {
    // The decision asks about the codes themselves (skip those there) and their parents (must exist).
    const codes = new Set<string>();
    for (const { hsCode } of categories) {
      const code = HsCode.of(hsCode);
      codes.add(code.value);
      if (code.parent) codes.add(code.parent.value);
    }
    const decided = categoriesToCreate(categories, await this.categories.existing([...codes]));
    // All or nothing: a code another writer created meanwhile fails the insert of the whole batch.
    return this.categories.saveMany(decided, metadata, this.clock.now());
  }
}
