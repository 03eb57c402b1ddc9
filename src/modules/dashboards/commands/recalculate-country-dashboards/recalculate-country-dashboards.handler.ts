import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '../../../../kernel/domain-error';
import { issuingProcess } from '../../../../platform/process-manager/process.types';
import { countryKey, RecalculateCountryDashboardsCommand } from '../../../countries';
import { RecalculationWaits } from '../../recalculation/recalculation-waits';

/**
 * Records that the process waits for the dashboards and returns at once: the wait may take minutes
 * (a backlog, Elasticsearch away), which no command should hold a connection or a poller for. The
 * watcher (recalculation-watch.host.ts) signals `DashboardsRecalculated` once the projections,
 * and so every summary queued before that position, have passed it.
 */
@CommandHandler(RecalculateCountryDashboardsCommand)
export class RecalculateCountryDashboardsHandler implements ICommandHandler<RecalculateCountryDashboardsCommand> {
  constructor(private readonly waits: RecalculationWaits) {}

  async execute({ code, atLeastPosition, metadata }: RecalculateCountryDashboardsCommand): Promise<void> {
    const process = issuingProcess(metadata);
    if (!process) throw new ValidationError('metadata', 'only a country process waits for its dashboards: no process sent this command');
    if (!/^\d{1,19}$/.test(atLeastPosition)) throw new ValidationError('atLeastPosition', `must be a log position, got ${JSON.stringify(atLeastPosition)}`);
    await this.waits.add({ processId: process.id, processType: process.type, processKey: countryKey(code), code, atLeastPosition });
  }
}
