import type { EventEnvelope } from '../../../platform/messaging/wire/event-envelope';
import { CUSTOMS_IMPORT_MESSAGE_TYPES } from '../../customs-import';
import { STATISTIC_MESSAGE_TYPES } from '../../statistics';
import type { Notification } from '../domain/notification';
import { NOTIFICATION_REQUESTED } from '../notifications.contract';

type Facts = Readonly<Record<string, unknown>>;
type Mapper = (event: EventEnvelope, data: Facts) => Omit<Notification, 'messageId' | 'occurredAt'> | null;

/**
 * What each notifiable event says to an operator, in the generic shape. A source reports a fact
 * once per event, so the dedupe key is the event's place in its stream; `NotificationRequested`
 * brings its own. Data lacking its contract's fields maps to null: recorded as nothing, because
 * a notification that cannot say what happened is noise (the log still holds the event).
 */
const MAPPERS: Readonly<Record<string, Mapper>> = {
  [STATISTIC_MESSAGE_TYPES.thresholdExceeded]: (event, data) => {
    const [country, hsCode, period, valueUsd, thresholdUsd] = texts(data, 'countryCode', 'hsCode', 'period', 'valueUsd', 'thresholdUsd');
    if (country === null || hsCode === null || period === null || valueUsd === null || thresholdUsd === null) return null;
    return {
      kind: 'export-threshold-exceeded',
      subject: `Exports to ${country} of HS ${hsCode} in ${period}: USD ${valueUsd}, above USD ${thresholdUsd}`,
      facts: { country, hsCode, period, valueUsd, thresholdUsd },
      dedupeKey: `${event.streamId}@${event.streamVersion}`,
    };
  },
  [CUSTOMS_IMPORT_MESSAGE_TYPES.completed]: (event, data) => {
    const scope = importScope(data);
    if (scope === null) return null;
    const counts = ['units', 'recorded', 'revised', 'retracted', 'unchanged', 'refusedUnits', 'deadLetteredUnits'] as const;
    const facts: Record<string, string> = { importId: scope.importId, months: scope.months };
    for (const count of counts) facts[count] = String(data[count] ?? 0);
    const trouble = Number(data.refusedUnits ?? 0) + Number(data.deadLetteredUnits ?? 0) > 0 ? ' with units refused or dead-lettered' : '';
    return { kind: 'customs-import-completed', subject: `Customs import of ${scope.months} completed${trouble}`, facts, dedupeKey: `${event.streamId}@${event.streamVersion}` };
  },
  [CUSTOMS_IMPORT_MESSAGE_TYPES.failed]: (event, data) => {
    const scope = importScope(data);
    if (scope === null) return null;
    const [code, failure] = texts(data, 'failureCode', 'failure');
    return {
      kind: 'customs-import-failed',
      subject: `Customs import of ${scope.months} failed${code === null ? '' : ` (${code})`}`,
      facts: { importId: scope.importId, months: scope.months, failure: failure ?? 'unknown' },
      dedupeKey: `${event.streamId}@${event.streamVersion}`,
    };
  },
  [CUSTOMS_IMPORT_MESSAGE_TYPES.paused]: (event, data) => {
    const scope = importScope(data);
    if (scope === null) return null;
    const [until, reason] = texts(data, 'pausedUntil', 'reason');
    return {
      kind: 'customs-import-paused',
      subject: `Customs import of ${scope.months} paused until ${until ?? 'the quota resets'}`,
      facts: { importId: scope.importId, months: scope.months, reason: reason ?? 'unknown' },
      dedupeKey: `${event.streamId}@${event.streamVersion}`,
    };
  },
  [NOTIFICATION_REQUESTED]: (_event, data) => {
    const [kind, subject, dedupeKey] = texts(data, 'kind', 'subject', 'dedupeKey');
    if (kind === null || subject === null || dedupeKey === null) return null;
    return { kind, subject, facts: stringFacts(data.facts), dedupeKey };
  },
};

export function notificationFromEvent(event: EventEnvelope): Notification | null {
  const mapper = Object.hasOwn(MAPPERS, event.type) ? MAPPERS[event.type] : undefined;
  const mapped = mapper?.(event, event.data) ?? null;
  if (mapped === null) return null;
  const requestedAt = event.type === NOTIFICATION_REQUESTED ? Date.parse(String(event.data.occurredAt)) : NaN;
  const occurredAt = new Date(Number.isNaN(requestedAt) ? Date.parse(event.occurredAt) : requestedAt);
  return { ...mapped, messageId: event.eventId, occurredAt };
}

export function isNotificationSource(type: string): boolean {
  return Object.hasOwn(MAPPERS, type);
}

function texts(data: Facts, ...fields: string[]): (string | null)[] {
  return fields.map((field) => (typeof data[field] === 'string' && data[field] !== '' ? data[field] : null));
}

function importScope(data: Facts): { importId: string; months: string } | null {
  const [importId, first, last] = texts(data, 'importId', 'firstMonth', 'lastMonth');
  if (importId === null || first === null || last === null) return null;
  const prefixes = Array.isArray(data.hsPrefixes) ? ` (HS ${data.hsPrefixes.join(', ')})` : '';
  return { importId, months: `${first === last ? first : `${first} to ${last}`}${prefixes}` };
}

function stringFacts(facts: unknown): Record<string, string> {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return {};
  return Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
}
