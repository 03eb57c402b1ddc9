import { ModuleRef } from '@nestjs/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { InstanceRequests } from '../../../../platform/instances/instance-requests';
import { issuingProcess } from '../../../../platform/process-manager/process.types';
import { COUNTRY_CACHES_TOPIC } from '../../countries.contract';
import { RefreshCountryCachesCommand } from '../../processes/country-deactivation/country-deactivation.ports';
import { countryKey } from '../../processes/country-deactivation/country-deactivation.process';

/**
 * Asks every live instance to refresh what it caches about countries and answers the instances it
 * asked; each acknowledges to the process by itself (`InstanceCachesRefreshed`), or is reported gone
 * (`InstanceLeft`). The request is the process's (its id names it), so a command sent again asks nobody new.
 */
@CommandHandler(RefreshCountryCachesCommand)
export class RefreshCountryCachesHandler implements ICommandHandler<RefreshCountryCachesCommand> {
  constructor(private readonly modules: ModuleRef) {}

  async execute({ code, metadata }: RefreshCountryCachesCommand): Promise<{ instances: string[] }> {
    // Looked up, not injected: the write-side CLI has this handler and no instance registry.
    const instances = this.modules.get(InstanceRequests, { strict: false });
    const process = issuingProcess(metadata);
    if (!process) throw new ValidationError('metadata', 'only a country process asks the instances: no process sent this command');
    const reply = { processType: process.type, processKey: countryKey(code), done: 'InstanceCachesRefreshed', left: 'InstanceLeft' };
    return { instances: await instances.ask(`${process.id}:country-caches`, COUNTRY_CACHES_TOPIC, { code }, reply) };
  }
}
