import { Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import { retryOnConflict } from '../../../../platform/event-log/retry-on-conflict';
import { ProductCategoryRepository } from '../../../catalogue/infrastructure/product-category.repository';
import { CountryRepository } from '../../../countries/infrastructure/country.repository';
import { StatisticReferenceCache } from '../../../statistics/infrastructure/statistic-reference.cache';
import { loadCountryReference, type Country as ReferenceCountry } from '../../countries';
import { loadHsNomenclature, type HsEntry } from '../../hs-nomenclature';
import { categoriesToCreate, countriesToRegister } from './decide-seed';
import { SeedReferenceDataCommand, type SeedReferenceDataResult } from './seed-reference-data.command';

type Written = { readonly saved: number; readonly position: string | null };

const ATTEMPTS_PER_CHUNK = 5;
const LEVELS = [[2, 'chapters'], [4, 'headings'], [6, 'subheadings']] as const;

@CommandHandler(SeedReferenceDataCommand)
export class SeedReferenceDataHandler implements ICommandHandler<SeedReferenceDataCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly countries: CountryRepository,
    private readonly categories: ProductCategoryRepository,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {}

  async execute({ metadata }: SeedReferenceDataCommand): Promise<SeedReferenceDataResult> {
    const countries = await this.inChunks(loadCountryReference().all(), (chunk) => this.registerCountries(chunk, metadata));
    const nomenclature = loadHsNomenclature();
    const known = new Set<string>();
    const created = { chapters: 0, headings: 0, subheadings: 0 };
    let position = countries.position;
    for (const [level, kind] of LEVELS) {
      const written = await this.inChunks(nomenclature.entries(level), (chunk) => this.createCategories(chunk, known, metadata));
      created[kind] = written.saved;
      position = written.position ?? position;
    }
    if (position !== null) await this.refreshStatisticReference();
    return { countriesRegistered: countries.saved, categoriesCreated: created, position };
  }

  private async registerCountries(chunk: readonly ReferenceCountry[], metadata: EventMetadata): Promise<Written> {
    const registered = await this.countries.loadMany(chunk.map(({ code }) => CountryCode.of(code)));
    return this.countries.saveMany(countriesToRegister(chunk, new Set(registered.keys())), metadata, this.clock.now());
  }

  private async createCategories(chunk: readonly HsEntry[], known: Set<string>, metadata: EventMetadata): Promise<Written> {
    for (const code of await this.categories.existing(chunk.map((entry) => entry.code))) known.add(code);
    const decided = categoriesToCreate(chunk, known);
    const written = await this.categories.saveMany(decided, metadata, this.clock.now());
    for (const { category } of decided) known.add(category.code.value);
    return written;
  }

  /**
   * One transaction per chunk, so the relay is never held back for long. A concurrent seed makes a
   * chunk's insert come up short: the chunk is read and decided again, and skips what the other wrote.
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

  /** Statistics check countries and chapters against a cache; let it see the new ones at once. */
  private async refreshStatisticReference(): Promise<void> {
    let cache: StatisticReferenceCache;
    try {
      cache = this.modules.get(StatisticReferenceCache, { strict: false });
    } catch {
      return; // a context without the statistics module (a slim CLI context) has no cache to refresh
    }
    await cache.refresh();
  }
}
