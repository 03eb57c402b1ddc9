import { Module } from '@nestjs/common';
import { SeedReferenceDataHandler } from './commands/seed-reference-data/seed-reference-data.handler';

/**
 * Seeds countries and the HS catalogue from the committed reference files, through the commands
 * of the countries and catalogue contexts: whoever imports this module imports theirs too.
 */
@Module({
  providers: [SeedReferenceDataHandler],
})
export class ReferenceDataModule {}
