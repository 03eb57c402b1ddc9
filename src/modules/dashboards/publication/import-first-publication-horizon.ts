import type { Period } from '../../../kernel/period';
import type { Clock } from '../../../platform/cqrs/clock';
import { horizonOf } from '../domain/published-months';
import type { PublicationHorizon } from './publication-horizon';
import type { PublishedMonthSource } from './published-month-source';
import type { ReadModelLatestMonth } from './read-model-latest-month';

/**
 * The horizon the dashboards use (ADR 0007): the latest month the customs import brought in whole
 * (`imported`, cached per instance), else, while no import of every chapter has completed, the
 * latest month with figures in the read model; never after the current month in Korea.
 *
 * The fallback is read on every query, not cached: it is what development (sample data) and
 * statistics recorded by hand see, and a query that waits for a mutation's position must see the
 * month it wrote. Once an import has completed, no dashboard query searches Elasticsearch for it.
 */
export class ImportFirstPublicationHorizon implements PublicationHorizon {
  constructor(
    private readonly imported: PublishedMonthSource | null,
    private readonly readModel: Pick<ReadModelLatestMonth, 'latestMonthWithFigures'>,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  async publishedThrough(): Promise<Period | null> {
    const imported = this.imported === null ? null : await this.imported.latestPublishedMonth();
    return horizonOf(imported ?? (await this.readModel.latestMonthWithFigures()), this.clock.now());
  }
}
