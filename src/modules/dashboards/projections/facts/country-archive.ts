import { Client } from '@elastic/elasticsearch';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventLogReader } from '../../../../platform/event-log/event-log.reader';
import { ProfileSubjectNotFoundError } from '../../dashboards.errors';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import { ReadModelProjection } from '../../read-model.projection';
import { READ_MODEL_ALIASES } from '../../read-model.tokens';
import { ReadModelLookups } from '../read-model-lookups';

/**
 * Brings a country's facts to the archive state its activation decides (denormalized-names.ts,
 * `FactCountry`), for the country processes' archive and restore steps. The consumers get there by
 * themselves once they project the country's event; the process must not wait on their backlog, so
 * this projects the country's own stream from the log (idempotent: external versions), which
 * rewrites the flag of every fact of the country, then checks that none is left. Run again, it
 * finds the work done.
 */
@Injectable()
export class CountryArchive {
  private readonly logger = new Logger('CountryArchive');

  constructor(
    private readonly log: EventLogReader,
    private readonly projection: ReadModelProjection,
    private readonly lookups: ReadModelLookups,
    private readonly es: Client,
    @Inject(READ_MODEL_ALIASES) private readonly indexes: IndexSet,
  ) {}

  async settle(code: string, archived: boolean): Promise<void> {
    const events = await this.log.readStream(`country:${code}`);
    if (events.length === 0) throw new ProfileSubjectNotFoundError('country', code);
    // Summaries are the consumers' (the recalculation step waits for them): only the documents here.
    await this.projection.applyBatch(events, this.indexes, { summaries: 'deferred' });
    const country = (await this.lookups.countries(this.indexes.countries, [code])).get(code);
    if (country?.active !== archived) {
      // Changed again since the process asked (an operator's activation): its facts follow the
      // country, and the process hears of the change itself.
      this.logger.warn(`country ${code} is ${country?.active ? 'active' : 'inactive'}: its facts were left ${archived ? 'unarchived' : 'archived'}`);
      return;
    }
    const { count } = await this.es.count({
      index: this.indexes.facts,
      query: { bool: { filter: [{ term: { countryCode: code } }], must_not: [{ term: { archived } }] } },
    });
    // A fact written meanwhile under the old flag is corrected by its writer's names check; until then, try again.
    if (count > 0) throw new Error(`${count} fact(s) of ${code} still ${archived ? 'unarchived' : 'archived'}`);
  }
}
