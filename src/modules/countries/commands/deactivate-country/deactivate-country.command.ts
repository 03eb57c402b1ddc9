import { Command } from '@nestjs/cqrs';
import type { EventMetadata, WriteResult } from '../../../../platform/event-log/event-log.types';

/** Without an expected version the country is deactivated at whatever version is current. */
export class DeactivateCountryCommand extends Command<WriteResult> {
  constructor(
    readonly input: { readonly code: string; readonly reason: string; readonly expectedVersion?: number | null },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
