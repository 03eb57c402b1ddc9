import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CountryCode } from '../../../../kernel/country-code';
import { Clock } from '../../../../platform/cqrs/clock';
import type { WriteResult } from '../../../../platform/event-log/event-log.types';
import { onExpectedVersion } from '../../../../platform/event-log/retry-on-conflict';
import { CountryRepository } from '../../infrastructure/country.repository';
import { DeactivateCountryCommand } from './deactivate-country.command';

@CommandHandler(DeactivateCountryCommand)
export class DeactivateCountryHandler implements ICommandHandler<DeactivateCountryCommand> {
  constructor(
    private readonly countries: CountryRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: DeactivateCountryCommand): Promise<WriteResult> {
    const code = CountryCode.of(input.code, 'code');
    const expectedVersion = input.expectedVersion ?? undefined;
    return onExpectedVersion(expectedVersion, async () => {
      const country = await this.countries.load(code);
      const read = country.version;
      country.deactivate(input.reason, expectedVersion);
      return this.countries.save({ country, expectedVersion: read }, metadata, this.clock.now());
    });
  }
}
