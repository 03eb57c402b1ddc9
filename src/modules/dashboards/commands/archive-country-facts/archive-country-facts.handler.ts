import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ArchiveCountryFactsCommand } from '../../../countries';
import { CountryArchive } from '../../projections/facts/country-archive';

/** The deactivation's first step: the country's facts leave every default query (idempotent). */
@CommandHandler(ArchiveCountryFactsCommand)
export class ArchiveCountryFactsHandler implements ICommandHandler<ArchiveCountryFactsCommand> {
  constructor(private readonly archive: CountryArchive) {}

  execute({ code }: ArchiveCountryFactsCommand): Promise<void> {
    return this.archive.settle(code, true);
  }
}
