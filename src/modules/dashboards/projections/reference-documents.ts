import type { Client } from '@elastic/elasticsearch';
import { bulkWrite, multiGet, refresh } from '../elasticsearch/es-bulk';
import type { NamesVersion } from '../elasticsearch/names-version';
import type { ProjectableEvent } from './projectable-event';

export interface ReferenceDocumentKind<TDocument extends { readonly streamVersion: number }> {
  readonly index: string;
  readonly isEvent: (event: ProjectableEvent) => boolean;
  /** The document after `event`, or null when the event changes nothing. */
  readonly evolve: (document: TDocument | null, event: ProjectableEvent, code: string) => TDocument | null;
}

/**
 * The first half of projecting country and catalogue events: each code's stored document evolved
 * by the batch's events in stream-version order, written with external versioning on that version
 * (an older or repeated event is a no-op), then the names counter bumped (facts writers compare it
 * around their writes) and the documents and the facts written so far made searchable. The
 * caller then renames facts and collects scopes, in that order (docs/read-model.md).
 *
 * Returns every code the batch named, applied or not: a redelivery after a crash between this
 * write and the follow-up must finish the job.
 */
export async function writeReferenceDocuments<TDocument extends { readonly streamVersion: number }>(
  client: Client,
  names: NamesVersion,
  factsIndex: string,
  kind: ReferenceDocumentKind<TDocument>,
  events: readonly ProjectableEvent[],
): Promise<string[]> {
  const byCode = new Map<string, ProjectableEvent[]>();
  for (const event of events) {
    if (!kind.isEvent(event)) continue;
    const code = (event.data as { code: string }).code;
    const list = byCode.get(code);
    if (list) list.push(event);
    else byCode.set(code, [event]);
  }
  if (byCode.size === 0) return [];

  const stored = await multiGet<TDocument>(client, kind.index, [...byCode.keys()]);
  const ops = [];
  for (const [code, codeEvents] of byCode) {
    const initial = stored.get(code)?.source ?? null;
    const next = [...codeEvents]
      .sort((a, b) => a.streamVersion - b.streamVersion)
      .reduce<TDocument | null>((document, event) => kind.evolve(document, event, code) ?? document, initial);
    if (next && next !== initial) {
      ops.push({ index: kind.index, id: code, document: next, version: { value: next.streamVersion, type: 'external' as const } });
    }
  }
  await bulkWrite(client, ops);
  await names.bump(factsIndex);
  await refresh(client, [kind.index, factsIndex]);
  return [...byCode.keys()];
}
