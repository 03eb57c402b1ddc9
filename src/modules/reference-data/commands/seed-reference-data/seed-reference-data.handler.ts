import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import { retryOnConflict } from '../../../../platform/event-log/retry-on-conflict';
import { CreateProductCategoriesCommand, type NewProductCategory } from '../../../catalogue';
import { RegisterCountriesCommand, type RegisterCountryInput } from '../../../countries';
import { RefreshStatisticReferenceCommand } from '../../../statistics';
import { loadCountryReference } from '../../countries';
import { loadHsNomenclature, type HsEntry } from '../../hs-nomenclature';
import { SeedReferenceDataCommand, type SeedReferenceDataResult } from './seed-reference-data.command';

type Written = { readonly saved: number; readonly position: string | null };

const ATTEMPTS_PER_CHUNK = 5;
const LEVELS = [[2, 'chapters'], [4, 'headings'], [6, 'subheadings']] as const;

/**
 * Goes through each context's own bulk commands, so the countries and the catalogue decide and
 * store their aggregates themselves; this handler only reads the files and cuts them into chunks.
 */
@CommandHandler(SeedReferenceDataCommand)
export class SeedReferenceDataHandler implements ICommandHandler<SeedReferenceDataCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  async execute({ metadata }: SeedReferenceDataCommand): Promise<SeedReferenceDataResult> {
    const countries = await this.inChunks(loadCountryReference().all(), (chunk) => this.registerCountries(chunk, metadata));
    const nomenclature = loadHsNomenclature();
    const created = { chapters: 0, headings: 0, subheadings: 0 };
    let position = countries.position;
    // Level by level, so every chunk's parents are in the catalogue before it is sent.
    for (const [level, kind] of LEVELS) {
      const written = await this.inChunks(nomenclature.entries(level), (chunk) => this.createCategories(chunk, metadata));
      created[kind] = written.saved;
      position = written.position ?? position;
    }
    // Statistics check countries and chapters against a cache; let it see the new ones at once.
    if (position !== null) await this.commands.execute(new RefreshStatisticReferenceCommand());
    return { countriesRegistered: countries.saved, categoriesCreated: created, position };
  }

  private registerCountries(chunk: readonly RegisterCountryInput[], metadata: EventMetadata): Promise<Written> {
    return this.commands.execute(new RegisterCountriesCommand(chunk, metadata));
  }

  private createCategories(chunk: readonly HsEntry[], metadata: EventMetadata): Promise<Written> {
    const categories = chunk.map(
      ({ code, section, description }): NewProductCategory => ({
        hsCode: code,
        section: section ?? null,
        descriptionEn: description,
        descriptionKo: null,
      }),
    );
    return this.commands.execute(new CreateProductCategoriesCommand(categories, metadata));
  }

  /**
   * One transaction per chunk, so the relay is never held back for long. A concurrent seed makes a
   * chunk's insert come up short: the chunk is sent again, and its context skips what the other wrote.
   */
  private async inChunks<T>(items: readonly T[], save: (chunk: readonly T[]) => Promise<Written>): Promise<Written> {
    let total: Written = { saved: 0, position: null };
    for (let start = 0; start < items.length; start += this.config.BATCH_CHUNK_SIZE) {
      const chunk = items.slice(start, start + this.config.BATCH_CHUNK_SIZE);
      const written = await retryOnConflict(() => save(chunk), ATTEMPTS_PER_CHUNK);
      total = { saved: total.saved + written.saved, position: written.position ?? total.position };
    }
    return total;
  }
}
