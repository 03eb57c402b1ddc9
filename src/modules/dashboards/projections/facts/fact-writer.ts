import type { Client } from '@elastic/elasticsearch';
import type { ProjectableEvent } from '../projectable-event';
import type { StatisticKeyFields } from '../../../statistics';
import { namesDiffer } from '../../domain/denormalized-names';
import { TouchedScopes } from '../../domain/summary-scopes';
import { bulkWrite, multiGet, opKey, refresh, type WriteOp } from '../../elasticsearch/es-bulk';
import type { IndexSet } from '../../elasticsearch/read-model-indexes';
import type { NamesVersion } from '../../elasticsearch/names-version';
import type { ReadModelLookups } from '../read-model-lookups';
import { carriesFigures, evolveFact, factId, isFactEvent, renameFact, type FactDocument, type FactNames } from './fact.projector';

export interface FactsOutcome {
  readonly touched: TouchedScopes;
  readonly applied: number;
  readonly alreadyApplied: number;
}

/**
 * Writes a batch's statistic events into the facts index with external versioning on the stream
 * version: an older or repeated event is a 409, "already applied". Then makes sure every fact of
 * the batch carries the names current AFTER the write: a catalogue rename that ran between our name
 * look-up and our write searched the facts before ours existed, so it is our job to notice it.
 */
export async function projectFacts(
  client: Client,
  lookups: ReadModelLookups,
  indexes: IndexSet,
  events: readonly ProjectableEvent[],
  version: NamesVersion,
  /** Only summaries computed right away need the facts refreshed here (refresh is costly). */
  refreshAfter = true,
): Promise<FactsOutcome> {
  const touched = new TouchedScopes();
  const streams = new Map<string, ProjectableEvent[]>();
  for (const event of events) {
    if (!isFactEvent(event)) continue;
    const { countryCode, hsCode, period } = event.data as StatisticKeyFields;
    // Every event counts, applied or not: a redelivery after a crash between the fact write and
    // the summary write must still bring the summaries up to date. A threshold event changes no
    // figure, but its mark is what makes the next flush refresh the facts it moved (read-your-writes).
    touched.addFact(countryCode, hsCode, period);
    const key = `${countryCode}-${hsCode}-${period}`;
    const stream = streams.get(key);
    if (stream) stream.push(event);
    else streams.set(key, [event]);
  }
  if (streams.size === 0) return { touched, applied: 0, alreadyApplied: 0 };

  // Per statistic, the events from its last figure-carrying one on: those build the fact alone.
  // A stream whose batch holds only threshold events needs the stored fact to move its version.
  const tails = [...streams.values()].map(tailFromLastFigures);
  const stored = await storedFacts(client, indexes.facts, tails.filter((tail) => !carriesFigures(tail[0])).map((tail) => tail[0]));
  const before = await version.read(indexes.facts);
  const names = await lookups.factNames(indexes, tails.map((tail) => tail[0].data as StatisticKeyFields), before);
  const documents = new Map<string, FactDocument>();
  for (const tail of tails) {
    const first = tail[0].data as StatisticKeyFields;
    const start = carriesFigures(tail[0]) ? null : (stored.get(factId(first)) ?? null);
    const document = tail.reduce<FactDocument | null>((fact, event) => evolveFact(fact, event, names(first)) ?? fact, start);
    if (document && document !== start) documents.set(factId(document), document);
  }
  const outcome = await bulkWrite(client, [...documents.values()].map((document) => factOp(indexes.facts, document, 'external')));
  // Unchanged counter: no name changed since the names used were current, so they still are.
  const after = await version.read(indexes.facts);
  await verifyNames(client, lookups, indexes, documents, names, after === before ? names : null, new Set(outcome.conflicts));
  if (refreshAfter) await refresh(client, [indexes.facts]);
  return { touched, applied: outcome.written.length, alreadyApplied: outcome.conflicts.length };
}

/**
 * Whether `events` (in log order) move a fact they do not build themselves: a threshold event
 * whose figures came in an earlier batch. Such a batch reads the stored fact, so a replay must
 * apply it only after the batches before it have landed.
 */
export function movesStoredFacts(events: readonly ProjectableEvent[]): boolean {
  const built = new Set<string>();
  for (const event of events) {
    if (!isFactEvent(event)) continue;
    const { countryCode, hsCode, period } = event.data as StatisticKeyFields;
    const key = `${countryCode}-${hsCode}-${period}`;
    if (carriesFigures(event)) built.add(key);
    else if (!built.has(key)) return true;
  }
  return false;
}

function tailFromLastFigures(stream: readonly ProjectableEvent[]): ProjectableEvent[] {
  const ordered = [...stream].sort((a, b) => a.streamVersion - b.streamVersion);
  let last = ordered.length - 1;
  while (last > 0 && !carriesFigures(ordered[last])) last--;
  return ordered.slice(last);
}

async function storedFacts(client: Client, index: string, events: readonly ProjectableEvent[]): Promise<Map<string, FactDocument>> {
  const ids = events.map((event) => factId(event.data as StatisticKeyFields));
  const found = await multiGet<FactDocument>(client, index, ids);
  return new Map([...found].map(([id, hit]) => [id, hit.source]));
}

/**
 * Makes sure the facts carry the names current after the write: reads them back when the names
 * counter moved (a rename or registration may have searched the facts before ours were there),
 * and checks what is stored for facts refused as already applied (an earlier attempt at this
 * batch may have stopped before its own check).
 */
async function verifyNames(
  client: Client,
  lookups: ReadModelLookups,
  indexes: IndexSet,
  /** By fact id. */
  written: ReadonlyMap<string, FactDocument>,
  used: (fact: StatisticKeyFields) => FactNames,
  current: ((fact: StatisticKeyFields) => FactNames) | null,
  conflicts: ReadonlySet<string>,
): Promise<void> {
  const refusedIds = [...written.keys()].filter((id) => conflicts.has(opKey(indexes.facts, id)));
  if (current && refusedIds.length === 0) return;
  const facts = [...written.values()];
  const fresh = current ?? (await lookups.factNames(indexes, facts, null));
  // Names are per country and per code: compare those, not each of thousands of facts.
  const changed = new Set<string>();
  if (!current) {
    const sample = new Map<string, FactDocument>();
    for (const fact of facts) {
      if (!sample.has(fact.countryCode)) sample.set(fact.countryCode, fact);
      if (!sample.has(fact.hsCode)) sample.set(fact.hsCode, fact);
    }
    for (const [code, fact] of sample) {
      const [before, after] = [used(fact), fresh(fact)];
      const differs = code === fact.countryCode ? namesDiffer(before.country, after.country) : namesDiffer(before.product, after.product);
      if (differs) changed.add(code);
    }
  }
  const stored = await multiGet<FactDocument>(client, indexes.facts, refusedIds);
  const stale: FactDocument[] = [];
  for (const [id, fact] of written) {
    if (conflicts.has(opKey(indexes.facts, id))) {
      const document = stored.get(id)?.source;
      if (document && (namesDiffer(document, fresh(document).country) || namesDiffer(document, fresh(document).product))) stale.push(document);
    } else if (changed.has(fact.countryCode) || changed.has(fact.hsCode)) {
      stale.push(fact);
    }
  }
  await bulkWrite(client, stale.map((fact) => factOp(indexes.facts, renameFact(fact, fresh(fact)), 'external_gte')));
}

/** Names read now, for renames (no cache). */
export function namesFor(lookups: ReadModelLookups, indexes: IndexSet, facts: readonly StatisticKeyFields[]): Promise<(fact: StatisticKeyFields) => FactNames> {
  return lookups.factNames(indexes, facts, null);
}

/**
 * `external` for events: strictly newer versions only. `external_gte` only for renames, which
 * rewrite the stored version with new names: a newer version that landed meanwhile refuses it.
 */
export function factOp(index: string, document: FactDocument, type: 'external' | 'external_gte'): WriteOp {
  return { index, id: factId(document), document, version: { value: document.streamVersion, type } };
}
