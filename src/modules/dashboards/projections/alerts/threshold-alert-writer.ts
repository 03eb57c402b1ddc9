import type { Client } from '@elastic/elasticsearch';
import { STATISTIC_MESSAGE_TYPES, type StatisticKeyFields } from '../../../statistics';
import { bulkWrite, multiGet, opKey } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { ProjectableEvent } from '../projectable-event';
import { noticeOf, type AlertDocument, type AlertNotice } from './alert-document';
import { evolveThresholdAlert, isThresholdAlertEvent, thresholdAlertId } from './threshold-alert.projector';

/**
 * Folds a batch's statistic events into their threshold alerts, from the stored alert on, and
 * writes each changed one with external versioning on the stream version: a redelivered or older
 * event is a 409, "already applied", as for the facts. Streams with only records are not read: a
 * record can neither open nor close an alert. Returns what changed, for the live path to report.
 */
export async function projectThresholdAlerts(client: Client, indexes: IndexSet, events: readonly ProjectableEvent[]): Promise<AlertNotice[]> {
  const streams = new Map<string, ProjectableEvent[]>();
  for (const event of events) {
    if (!isThresholdAlertEvent(event)) continue;
    const id = thresholdAlertId(event.data as StatisticKeyFields);
    const stream = streams.get(id);
    if (stream) stream.push(event);
    else streams.set(id, [event]);
  }
  if (streams.size === 0) return [];
  const stored = await multiGet<AlertDocument>(client, indexes.alerts, [...streams.keys()]);
  const changed: { id: string; before: AlertDocument | null; after: AlertDocument; position: string | null }[] = [];
  for (const [id, stream] of streams) {
    const before = stored.get(id)?.source ?? null;
    let after = before;
    let position: string | null = null;
    for (const event of [...stream].sort((a, b) => a.streamVersion - b.streamVersion)) {
      const next = evolveThresholdAlert(after, event);
      if (next) [after, position] = [next, event.position];
    }
    if (after && after !== before) changed.push({ id, before, after, position });
  }
  const { written } = await bulkWrite(
    client,
    changed.map(({ id, after }) => ({ index: indexes.alerts, id, document: after, version: { value: after.streamVersion!, type: 'external' as const } })),
  );
  const landed = new Set(written);
  // A redelivered event is refused (409) and says nothing: only what this write changed is news.
  return changed.flatMap(({ id, before, after, position }) => {
    const notice = landed.has(opKey(indexes.alerts, id)) ? noticeOf(id, before, after, position) : null;
    return notice ? [notice] : [];
  });
}

/**
 * For a replay that keeps two batches in flight: whether this batch may read a threshold alert
 * that an earlier batch still in flight writes (a revision or retraction of a statistic whose
 * threshold event came in an earlier batch). Such a batch must wait for those before it. Feed
 * every batch in log order; it remembers the statistics that have had a threshold event.
 */
export class AlertingStatistics {
  private readonly seen = new Set<string>();

  dependsOnEarlierBatches(events: readonly ProjectableEvent[]): boolean {
    let depends = false;
    const raisedHere = new Set<string>();
    for (const event of events) {
      if (!isThresholdAlertEvent(event)) continue;
      const id = thresholdAlertId(event.data as StatisticKeyFields);
      if (this.seen.has(id) && !raisedHere.has(id)) depends = true;
      if (event.type === STATISTIC_MESSAGE_TYPES.thresholdExceeded) raisedHere.add(id);
    }
    for (const id of raisedHere) this.seen.add(id);
    return depends;
  }
}
