import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';

export interface SeedReferenceDataResult {
  /** What this run wrote; a second run over the same files writes nothing and reports zeros. */
  readonly countriesRegistered: number;
  readonly categoriesCreated: { readonly chapters: number; readonly headings: number; readonly subheadings: number };
  /** The last log position written, or null when nothing was missing. */
  readonly position: string | null;
}

/**
 * Registers every country of data/reference/countries.json and creates every HS 2022 chapter,
 * heading and subheading that is not there yet, through the aggregates, so their events are in
 * the log the read model is rebuilt from. Existing ones are left as they are (never renamed).
 */
export class SeedReferenceDataCommand extends Command<SeedReferenceDataResult> {
  constructor(readonly metadata: EventMetadata) {
    super();
  }
}
