import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, type SqlPool } from '../../../platform/database/pg-pool';
import type { StatisticReference } from '../domain/export-statistic';

const MIN_REFRESH_INTERVAL_MS = 1_000;

/**
 * The countries and HS chapters a statistic may name, read from the country and catalogue tables
 * and kept in memory: the aggregate checks them synchronously on every command. A code that is
 * missing triggers one re-read (at most once a second), so a country registered on another
 * instance is seen without a restart, and garbage input cannot hammer the database.
 */
@Injectable()
export class StatisticReferenceCache implements StatisticReference {
  private countries = new Set<string>();
  private chapters = new Set<string>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: SqlPool) {}

  isKnownCountry(code: string): boolean {
    return this.countries.has(code);
  }

  hasChapter(chapter: string): boolean {
    return this.chapters.has(chapter);
  }

  /** Makes sure the cache has had its chance to learn about these codes. */
  async ensure(countryCodes: Iterable<string>, chapters: Iterable<string>): Promise<void> {
    const missing =
      [...countryCodes].some((code) => !this.countries.has(code)) || [...chapters].some((code) => !this.chapters.has(code));
    if (missing && Date.now() - this.loadedAt >= MIN_REFRESH_INTERVAL_MS) await this.refresh();
  }

  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const [countries, chapters] = await Promise.all([
      this.pool.query<{ key: string }>('select key from country'),
      this.pool.query<{ key: string }>('select key from product_category where level = 2'),
    ]);
    this.countries = new Set(countries.rows.map((row) => row.key));
    this.chapters = new Set(chapters.rows.map((row) => row.key));
    this.loadedAt = Date.now();
  }
}
