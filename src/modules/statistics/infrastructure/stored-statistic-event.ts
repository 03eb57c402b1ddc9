import type { EventLogEntry } from '../../../platform/event-log/event-log-entry.entity';
import { EXPORT_STATISTIC_EVENT_TYPES, type ExportStatisticEvent } from '../domain/export-statistic.events';

/**
 * Maps a logged event back to the domain event. Only schema version 1 exists; an upcaster for an
 * older version goes here when a newer one is introduced.
 */
export function toStatisticEvent(entry: EventLogEntry): ExportStatisticEvent {
  const event = { type: entry.type, schemaVersion: entry.schemaVersion, data: entry.data };
  if (!isStatisticEvent(event)) {
    throw new Error(`event ${entry.eventId}: ${entry.type} v${entry.schemaVersion} is not a statistic event this version reads`);
  }
  return event;
}

/** The log is written only by this service, so checking the envelope and the key fields suffices. */
function isStatisticEvent(event: { type: string; schemaVersion: number; data: object }): event is ExportStatisticEvent {
  const known: readonly string[] = EXPORT_STATISTIC_EVENT_TYPES;
  const { countryCode, hsCode, period } = event.data as Partial<Record<string, unknown>>;
  return (
    known.includes(event.type) &&
    event.schemaVersion === 1 &&
    [countryCode, hsCode, period].every((field) => typeof field === 'string')
  );
}
