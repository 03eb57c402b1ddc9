import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RestoreCountryFactsCommand } from '../../../countries';
import { CountryArchive } from '../../projections/facts/country-archive';

/** Undoing an archive once the country is active again: its facts are back in the default queries (idempotent). */
@CommandHandler(RestoreCountryFactsCommand)
export class RestoreCountryFactsHandler implements ICommandHandler<RestoreCountryFactsCommand> {
  constructor(private readonly archive: CountryArchive) {}

  execute({ code }: RestoreCountryFactsCommand): Promise<void> {
    return this.archive.settle(code, false);
  }
}
