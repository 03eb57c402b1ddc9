import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { CreateProductCategoriesHandler } from './commands/create-product-categories/create-product-categories.handler';
import { CreateProductCategoryHandler } from './commands/create-product-category/create-product-category.handler';
import { CreateProductCategoryResolver } from './commands/create-product-category/create-product-category.resolver';
import { RenameProductCategoryHandler } from './commands/rename-product-category/rename-product-category.handler';
import { RenameProductCategoryResolver } from './commands/rename-product-category/rename-product-category.resolver';
import { ProductCategoryRepository } from './infrastructure/product-category.repository';
import { ProductCategorySchema } from './infrastructure/product-category.entity';

@Module({
  imports: [MikroOrmModule.forFeature([ProductCategorySchema])],
  providers: [
    ProductCategoryRepository,
    CreateProductCategoryHandler,
    CreateProductCategoryResolver,
    CreateProductCategoriesHandler,
    RenameProductCategoryHandler,
    RenameProductCategoryResolver,
  ],
})
export class CatalogueModule {}
