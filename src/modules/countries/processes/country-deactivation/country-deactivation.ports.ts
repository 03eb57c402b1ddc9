import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '../../../../platform/event-log/event-log.types';
import type { AdministratorNotice } from '../../domain/deactivation/deactivation.messages';

/**
 * What the country-deactivation process needs from other contexts, as commands it sends on the
 * CommandBus and they handle (the dashboards the facts and summaries, the notifications module the
 * administrators, every instance its caches). Each must be idempotent: the process manager sends a
 * command again when it cannot tell whether it was executed (an instance died while sending it).
 */

/** (a) The country's facts leave every default query; `includeArchived` and Kibana still reach them. */
export class ArchiveCountryFactsCommand extends Command<void> {
  constructor(
    readonly code: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** Compensation: the archived facts come back into the default queries. */
export class RestoreCountryFactsCommand extends Command<void> {
  constructor(
    readonly code: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * (b) Asks every live instance to refresh what it caches about countries; answers the instances it
 * asked. Each acknowledges to the process (`InstanceCachesRefreshed`), or is reported gone
 * (`InstanceLeft`), through ProcessManagerHost.signal.
 */
export class RefreshCountryCachesCommand extends Command<{ readonly instances: readonly string[] }> {
  constructor(
    readonly code: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * (c) Asks the dashboards to report when the projections have passed `atLeastPosition` and every
 * summary the country appears in has been recomputed: they signal `DashboardsRecalculated` with the
 * position they passed.
 */
export class RecalculateCountryDashboardsCommand extends Command<void> {
  constructor(
    readonly code: string,
    readonly atLeastPosition: string,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** (d) Administrators are told how the deactivation ended; the notifications module handles it. */
export class NotifyAdministratorsCommand extends Command<void> {
  constructor(
    readonly notice: AdministratorNotice,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/**
 * The port command a country process's stored command names (both processes issue the same five),
 * or null for a name that is not a port's (each process's own write: activate or deactivate).
 */
export function portCommand(name: string, payload: Readonly<Record<string, unknown>>, metadata: EventMetadata): Command<unknown> | null {
  const code = String(payload.code);
  switch (name) {
    case 'archive-country-facts':
      return new ArchiveCountryFactsCommand(code, metadata);
    case 'restore-country-facts':
      return new RestoreCountryFactsCommand(code, metadata);
    case 'refresh-country-caches':
      return new RefreshCountryCachesCommand(code, metadata);
    case 'recalculate-dashboards':
      return new RecalculateCountryDashboardsCommand(code, String(payload.atLeastPosition), metadata);
    case 'notify-administrators':
      return new NotifyAdministratorsCommand(payload as unknown as AdministratorNotice, metadata);
    default:
      return null;
  }
}
