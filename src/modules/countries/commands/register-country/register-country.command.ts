import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';
import type { CountryRegionData } from '../../domain/country.events';

export interface RegisterCountryInput {
  readonly code: string;
  readonly nameEn: string;
  readonly nameKo: string;
  /** Absent or null where UN M49 has no region (Antarctica, ZZ). */
  readonly region?: CountryRegionData | null;
}

export class RegisterCountryCommand extends Command<WriteResult> {
  constructor(
    readonly input: RegisterCountryInput,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
