/** The catalogue context's public face: what other contexts may import. Everything else is private. */
export * from './catalogue.contract';
export { decodeCatalogueMessage } from './catalogue.decoder';
export { CreateProductCategoryCommand, type CreateProductCategoryInput } from './commands/create-product-category/create-product-category.command';
export {
  CreateProductCategoriesCommand,
  type CreateProductCategoriesResult,
  type NewProductCategory,
} from './commands/create-product-categories/create-product-categories.command';
export { RenameProductCategoryCommand } from './commands/rename-product-category/rename-product-category.command';
