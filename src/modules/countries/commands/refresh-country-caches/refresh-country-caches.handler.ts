import { Optional } from '@nestjs/common';
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
  // Absent in the write-side CLI, which has this handler and no instance registry (nor processes to ask for it).
  constructor(@Optional() private readonly instances?: InstanceRequests) {}

  async execute({ code, metadata }: RefreshCountryCachesCommand): Promise<{ instances: string[] }> {
    if (!this.instances) throw new Error('no instance registry in this process: only the application refreshes instances');
    const instances = this.instances;
    const process = issuingProcess(metadata);
    if (!process) throw new ValidationError('metadata', 'only a country process asks the instances: no process sent this command');
    const reply = { processType: process.type, processKey: countryKey(code), done: 'InstanceCachesRefreshed', left: 'InstanceLeft' };
    return { instances: await instances.ask(`${process.id}:country-caches`, COUNTRY_CACHES_TOPIC, { code }, reply) };
  }
}
