import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CountriesModule } from '../countries/countries.module';
import { SeedReferenceDataHandler } from './commands/seed-reference-data/seed-reference-data.handler';

/** Seeds countries and the HS catalogue from the committed reference files, through their aggregates. */
@Module({
  imports: [CountriesModule, CatalogueModule],
  providers: [SeedReferenceDataHandler],
})
export class ReferenceDataModule {}
